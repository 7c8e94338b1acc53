import Foundation

/// Writes to standard error (Swift 6 forbids touching C's `stderr` global from Swift).
func eprint(_ s: String) {
    FileHandle.standardError.write(Data(s.utf8))
}
