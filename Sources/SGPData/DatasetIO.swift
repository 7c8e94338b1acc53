import Foundation
import SGPTensor

/// File formats a dataset can be read from or written to.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// D4RL-layout HDF5 (root datasets).
    case d4rl
    /// Minari `main_data.hdf5` (episode groups).
    case minari
    /// NumPy `.npz` (a zip of `.npy` arrays).
    case npz
    /// A single NumPy `.npy` array, read as states only.
    case npy
    /// Comma-separated values with a header row.
    case csv
}

/// A dataset read from a file, with what the reader noticed on the way.
public struct LoadedDataset: Sendable {
    /// The transitions.
    public let dataset: Dataset
    /// The format detected from the content.
    public let format: DatasetFormat
    /// Keys (datasets, arrays or columns) present in the file.
    public let keys: [String]
    /// Warnings, e.g. rows dropped for NaN values; empty when clean.
    public let warnings: [String]
}

/// Loading and saving datasets. Formats are detected from the first bytes, not the extension.
public enum DatasetIO {
    /// Most keys listed in a `LoadedDataset` or an error message (Minari files hold thousands of groups).
    public static let keyListLimit = 64

    /// Detects the format of the file at `path` from its signature: HDF5 `\x89HDF\r\n\x1a\n` (D4RL or Minari by
    /// layout), zip `PK\x03\x04` (npz), `\x93NUMPY` (npy), otherwise CSV.
    public static func detectFormat(_ path: String) throws -> DatasetFormat {
        guard let h = FileHandle(forReadingAtPath: path) else { throw DataError.fileNotFound(path: path) }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]) {
            let f = try HDF5File.open(path)
            return MinariReader.looksLikeMinari(f) ? .minari : .d4rl
        }
        if head.starts(with: [0x50, 0x4b, 0x03, 0x04]) { return .npz }
        if head.starts(with: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]) { return .npy }
        return .csv
    }

    /// Reads a dataset. `path` may also be a Minari dataset directory (holding `data/main_data.hdf5`).
    public static func load(_ path: String) throws -> LoadedDataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw DataError.fileNotFound(path: path) }
        if isDir.boolValue {
            for candidate in ["data/main_data.hdf5", "main_data.hdf5"] {
                let p = (path as NSString).appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: p) { return try load(p) }
            }
            throw DataError.notADataset(path: path, detail: "a directory without data/main_data.hdf5")
        }
        let format = try detectFormat(path)
        var warnings: [String] = []
        let raw: Dataset
        let keys: [String]
        switch format {
        case .d4rl, .minari:
            let f = try HDF5File.open(path)
            keys = Array(f.members().prefix(keyListLimit))
            if format == .minari {
                raw = try MinariReader.read(f)
            } else {
                guard f.exists("observations") else {
                    throw DataError.notADataset(path: path, detail: "no 'observations' dataset and no 'episode_<id>' groups (it holds \(keys.map { "'\($0)'" }.joined(separator: ", ")))")
                }
                if !f.exists("timeouts") { warnings.append("'\(path)': no 'timeouts' key, episodes split at terminals only") }
                raw = try D4RLReader.read(f)
            }
        case .npz:
            let r = try NumPyDataset.readNPZ(path)
            raw = r.dataset; keys = r.keys
        case .npy:
            raw = try NumPyDataset.readNPY(path)
            keys = []
            warnings.append("'\(path)' holds one array: read as states only (no actions, x' = x)")
        case .csv:
            let r = try CSVDataset.read(path)
            raw = r.dataset; keys = r.keys
        }
        let (clean, warning) = raw.droppingNonFinite(file: path)
        if let warning { warnings.append(warning) }
        return LoadedDataset(dataset: clean, format: format, keys: keys, warnings: warnings)
    }

    /// Writes `dataset` to `path` in `format` (default: from the extension — `.npz`, `.csv`, otherwise D4RL HDF5).
    /// The file is written beside its destination under a temporary name and renamed into place, so a failed or
    /// interrupted write never leaves a partial file at `path`.
    public static func save(_ dataset: Dataset, to path: String, format: DatasetFormat? = nil) throws {
        let fmt = format ?? defaultFormat(for: path)
        let tmp = path + ".tmp-\(getpid())"
        do {
            switch fmt {
            case .d4rl: try DatasetWriter.writeHDF5(dataset, to: tmp, finalPath: path)
            case .npz: try NumPyDataset.writeNPZ(dataset, to: tmp, finalPath: path)
            case .csv: try CSVDataset.write(dataset, to: tmp, finalPath: path)
            case .minari, .npy: throw DataError.unsupported(path: path, detail: "writing \(fmt.rawValue) files")
            }
            guard rename(tmp, path) == 0 else {
                throw DataError.writeFailed(path: path, detail: String(cString: strerror(errno)))
            }
        } catch {
            unlink(tmp)
            throw error
        }
    }

    /// The format `save` picks for `path`'s extension.
    public static func defaultFormat(for path: String) -> DatasetFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "npz": return .npz
        case "csv": return .csv
        default: return .d4rl
        }
    }
}

extension Dataset {
    /// Reads a dataset, dropping non-finite rows (see `DatasetIO.load` for the warnings).
    public static func load(_ path: String) throws -> Dataset { try DatasetIO.load(path).dataset }

    /// Writes this dataset (format from the extension; atomic).
    public func save(to path: String) throws { try DatasetIO.save(self, to: path) }
}
