import ArgumentParser
import CReadline
import Foundation

/// `sgp`: the interactive REPL by default; `run`, `notebook`, `data` and `bench` as subcommands.
struct SGP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgp",
        abstract: "A scripting language and REPL for offline RL with Score-Guided Planning.",
        version: Provenance.version,
        subcommands: [REPLCommand.self, RunCommand.self, NotebookCommand.self, DataCommand.self, BenchCommand.self],
        defaultSubcommand: REPLCommand.self)
}

/// Exit codes (sysexits.h): 0 success, 64 usage, 65 syntax error, 70 runtime error, 130 interrupted.
enum Exit {
    static let usage: Int32 = 64
    static let syntax: Int32 = 65
    static let runtime: Int32 = 70
    static let interrupted: Int32 = 130
}

sgp_line_buffer_stdout()
SGP.main()
