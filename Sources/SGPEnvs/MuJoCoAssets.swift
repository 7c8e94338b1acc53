import Foundation

/// Finds Gymnasium's MuJoCo model files (never copied into this repository).
///
/// Order: the environment variable `SGP_GYM_ASSETS` (a folder holding `half_cheetah.xml` …); then the folder
/// `gymnasium/envs/mujoco/assets` of the `gymnasium` package importable by the Python named in
/// `SGP_TEST_PYTHON`, then `./.venv-test/bin/python`, then `python3`.
public enum MuJoCoAssets {
    nonisolated(unsafe) private static var cached: String?

    /// The assets folder; throws when no installed gymnasium provides one.
    public static func directory() throws -> String {
        if let c = cached { return c }
        let env = ProcessInfo.processInfo.environment
        if let d = env["SGP_GYM_ASSETS"], !d.isEmpty {
            guard FileManager.default.fileExists(atPath: d) else { throw EnvError.mujoco(detail: "SGP_GYM_ASSETS=\(d) does not exist") }
            cached = d
            return d
        }
        var pythons: [String] = []
        if let p = env["SGP_TEST_PYTHON"], !p.isEmpty { pythons.append(p) }
        pythons += [FileManager.default.currentDirectoryPath + "/.venv-test/bin/python", "/usr/bin/python3"]
        for py in pythons where FileManager.default.isExecutableFile(atPath: py) {
            if let dir = gymnasiumDirectory(python: py) {
                let assets = dir + "/envs/mujoco/assets"
                if FileManager.default.fileExists(atPath: assets + "/half_cheetah.xml") { cached = assets; return assets }
            }
        }
        throw EnvError.mujoco(detail: "cannot find Gymnasium's MuJoCo models: install gymnasium[mujoco] in a Python (SGP_TEST_PYTHON) or set SGP_GYM_ASSETS")
    }

    /// The path of a model file such as `hopper.xml`.
    public static func path(_ file: String) throws -> String {
        let p = try directory() + "/" + file
        guard FileManager.default.fileExists(atPath: p) else { throw EnvError.mujoco(detail: "no model file '\(p)'") }
        return p
    }

    private static func gymnasiumDirectory(python: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import gymnasium, os; print(os.path.dirname(gymnasium.__file__))"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let s = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}
