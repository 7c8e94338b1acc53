import Foundation

/// Writes files so a reader never sees a half-written one: temp file in the same folder, fsync, rename.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String, reason: String
        var description: String { "cannot write '\(path)': \(reason)" }
    }

    static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, base.advanced(by: off), buf.count - off)
                if n <= 0 { ok = false; break }
                off += n
            }
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }
}
