import ArgumentParser
import Foundation
import SGPData

/// `sgp data FILE`: a dataset's card (like `h5ls`, for our purposes), or `--json` for machines.
///
/// Exit codes (sysexits.h): 0 read, 64 usage, 65 (EX_DATAERR) the file is not a readable dataset, 66
/// (EX_NOINPUT) no such file. Errors name the file, the key and the problem.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data",
        abstract: "Print a dataset's card (D4RL/Minari HDF5, .npz, .npy, .csv), or its description as JSON.")

    /// The file is not a readable dataset.
    static let dataError: Int32 = 65
    /// The file does not exist.
    static let noInput: Int32 = 66

    @Argument(help: "The dataset file (or a Minari dataset directory).") var file: String
    @Flag(help: "One JSON object: source, format, transitions, state_dim, action_dim, episodes, terminals, timeouts, sha256, keys, warnings.")
    var json = false

    func run() throws {
        let loaded: LoadedDataset
        do {
            loaded = try DatasetIO.load(file)
        } catch let e as DataError {
            eprint("sgp data: \(e.description)\n")
            if case .fileNotFound = e { throw ExitCode(DataCommand.noInput) }
            throw ExitCode(DataCommand.dataError)
        } catch {
            eprint("sgp data: '\(file)': \(error)\n")
            throw ExitCode(DataCommand.dataError)
        }
        if json {
            print(loaded.json)
            return
        }
        for w in loaded.warnings { eprint("warning: \(w)\n") }
        print(loaded.dataset.card)
        print("format: \(loaded.format.rawValue)")
        print("keys: " + (loaded.keys.isEmpty ? "(none)" : loaded.keys.joined(separator: ", ")))
    }
}
