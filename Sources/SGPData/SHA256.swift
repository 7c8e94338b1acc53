import CCrypto

/// Incremental SHA-256 through OpenSSL's libcrypto (the only file that imports `CCrypto`).
public final class SHA256Digest {
    private let context: OpaquePointer?
    private var finished = false

    /// A fresh digest.
    public init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds `count` bytes at `bytes`.
    public func update(_ bytes: UnsafeRawPointer, count: Int) {
        guard let context, count > 0, !finished else { return }
        EVP_DigestUpdate(context, bytes, count)
    }

    /// Feeds the UTF-8 bytes of `text`.
    public func update(_ text: String) {
        var t = text
        t.withUTF8 { if let b = $0.baseAddress { update(b, count: $0.count) } }
    }

    /// The digest as 64 lowercase hex digits; the digest cannot be fed afterwards.
    public func hexDigest() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        if let context, !finished { _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &len) } }
        finished = true
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8](); hex.reserveCapacity(64)
        for b in out { hex.append(digits[Int(b >> 4)]); hex.append(digits[Int(b & 15)]) }
        return String(decoding: hex, as: UTF8.self)
    }

    /// SHA-256 of a byte buffer, as hex.
    public static func hex(of bytes: [UInt8]) -> String {
        let d = SHA256Digest()
        bytes.withUnsafeBytes { if let b = $0.baseAddress { d.update(b, count: $0.count) } }
        return d.hexDigest()
    }
}
