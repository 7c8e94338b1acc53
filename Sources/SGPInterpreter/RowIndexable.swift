/// An opaque value made of rows (a dataset): `v[i]`, `v[a:b:s]` and `v[[i, j, …]]` select rows.
///
/// `Indexing` resolves negative indices and slices against `rowCount` and hands over checked row numbers, so
/// conforming types never see an out-of-range index.
public protocol RowIndexable: OpaqueValue {
    /// Number of rows.
    var rowCount: Int { get }
    /// The value made of rows `indices` (each in 0..<rowCount, in the given order, repeats allowed).
    func rows(_ indices: [Int]) throws -> Value
}

extension Indexing {
    /// `base[subs]` for a row-indexable value: one subscript, an integer, a slice or a list/tensor of integers.
    static func rows(_ base: any RowIndexable, _ subs: [SubscriptValue], what: String) throws -> Value {
        guard subs.count == 1 else { throw RuntimeError("a \(base.typeName) takes one row subscript, got \(subs.count)\(what)") }
        let n = base.rowCount
        switch subs[0] {
        case .slice(let a, let b, let c):
            return try base.rows(sliceIndices(a, b, c, count: n))
        case .index(let v):
            switch v {
            case .list(let l):
                return try base.rows(l.items.map { try resolveIndex($0, count: n, what: "\(base.typeName)\(what)") })
            case .tensor(let t) where t.rank == 1:
                return try base.rows((0..<t.count).map { try resolveIndex(.number(t.scalar(at: $0)), count: n, what: "\(base.typeName)\(what)") })
            default:
                return try base.rows([try resolveIndex(v, count: n, what: "\(base.typeName)\(what)")])
            }
        }
    }
}
