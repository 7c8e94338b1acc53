import Foundation

/// The process-wide table of interned identifiers.
///
/// Every identifier text maps to one small integer for the life of the process, so the evaluator can key
/// environments by `Int`. Thread-safe: the REPL, tests and the notebook runner may parse concurrently.
public final class NameTable: @unchecked Sendable {
    /// The one table used by the lexer and the evaluator.
    public static let shared = NameTable()

    // Guarded by `lock`; only grows.
    private var ids: [String: Int] = [:]
    private var texts: [String] = []
    private let lock = NSLock()

    private init() {}

    /// The interned name for `text`, creating it on first use.
    public func intern(_ text: String) -> Name {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[text] { return Name(id: id, text: text) }
        let id = texts.count
        texts.append(text)
        ids[text] = id
        return Name(id: id, text: text)
    }

    /// The text interned as `id`, or nil for an id never handed out.
    public func text(of id: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return id >= 0 && id < texts.count ? texts[id] : nil
    }

    /// How many names have been interned so far.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return texts.count
    }
}

extension Name {
    /// Interns `text` in the shared table.
    public static func intern(_ text: String) -> Name { NameTable.shared.intern(text) }
}
