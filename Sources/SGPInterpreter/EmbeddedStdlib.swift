// Generated from stdlib/*.sgp by StdlibEmbedTests (SGP_RECORD=1); do not edit.

/// The standard library sources, embedded so an installed binary works anywhere.
enum EmbeddedStdlib {
    static let modules: [String: String] = [:]
}
