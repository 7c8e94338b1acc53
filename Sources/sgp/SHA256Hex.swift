import Foundation
import SGPData

/// SHA-256 of bytes as hex, through SGPData's libcrypto digest.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        let d = SHA256Digest()
        data.withUnsafeBytes { if let b = $0.baseAddress { d.update(b, count: $0.count) } }
        return d.hexDigest()
    }
}
