/// Binding strength of operators, loosest first. The one table the parser, the printer and the docs follow.
public enum Precedence: Int, Sendable, Comparable, CaseIterable {
    /// `|>`
    case pipe = 1
    /// `or`
    case or
    /// `and`
    case and
    /// prefix `not`
    case not
    /// `== != < <= > >=` (non-associative)
    case comparison
    /// `..` (non-associative)
    case range
    /// `+ -`
    case additive
    /// `* / % @`
    case multiplicative
    /// prefix `-` and `+`
    case prefix
    /// `^` (right-associative, tighter than prefix minus: `-x^2 == -(x^2)`)
    case power

    /// Orders by binding strength.
    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// How a chain of operators of one precedence groups.
public enum Associativity: Sendable {
    case left, right
    /// Chaining is a syntax error (`a < b < c`).
    case none
}

/// The operator table: every binary and prefix operator with its precedence, as data.
public enum OperatorTable {
    /// A binary operator's entry.
    public struct Binary: Sendable {
        /// The operator as written (also the `BinaryOp` raw value).
        public var spelling: String
        /// The tree's operator.
        public var op: BinaryOp
        /// How tightly it binds.
        public var precedence: Precedence
        /// How chains of it group.
        public var associativity: Associativity
    }

    /// A prefix operator's entry; its operand binds at the next precedence up (`-x^2` is `-(x^2)`).
    public struct Prefix: Sendable {
        /// The operator as written.
        public var spelling: String
        /// The tree's operator.
        public var op: UnaryOp
        /// How tightly it binds.
        public var precedence: Precedence
    }

    /// Binary operators, loosest first.
    public static let binary: [Binary] = [
        Binary(spelling: "|>", op: .pipe, precedence: .pipe, associativity: .left),
        Binary(spelling: "or", op: .or, precedence: .or, associativity: .left),
        Binary(spelling: "and", op: .and, precedence: .and, associativity: .left),
        Binary(spelling: "==", op: .eq, precedence: .comparison, associativity: .none),
        Binary(spelling: "!=", op: .ne, precedence: .comparison, associativity: .none),
        Binary(spelling: "<", op: .lt, precedence: .comparison, associativity: .none),
        Binary(spelling: "<=", op: .le, precedence: .comparison, associativity: .none),
        Binary(spelling: ">", op: .gt, precedence: .comparison, associativity: .none),
        Binary(spelling: ">=", op: .ge, precedence: .comparison, associativity: .none),
        Binary(spelling: "..", op: .range, precedence: .range, associativity: .none),
        Binary(spelling: "+", op: .add, precedence: .additive, associativity: .left),
        Binary(spelling: "-", op: .sub, precedence: .additive, associativity: .left),
        Binary(spelling: "*", op: .mul, precedence: .multiplicative, associativity: .left),
        Binary(spelling: "/", op: .div, precedence: .multiplicative, associativity: .left),
        Binary(spelling: "%", op: .mod, precedence: .multiplicative, associativity: .left),
        Binary(spelling: "@", op: .matmul, precedence: .multiplicative, associativity: .left),
        Binary(spelling: "^", op: .pow, precedence: .power, associativity: .right),
    ]

    /// Prefix operators.
    public static let prefix: [Prefix] = [
        Prefix(spelling: "not", op: .not, precedence: .not),
        Prefix(spelling: "-", op: .neg, precedence: .prefix),
        Prefix(spelling: "+", op: .plus, precedence: .prefix),
    ]

    private static let binaryBySpelling: [String: Binary] =
        Dictionary(uniqueKeysWithValues: binary.map { ($0.spelling, $0) })
    private static let prefixBySpelling: [String: Prefix] =
        Dictionary(uniqueKeysWithValues: prefix.map { ($0.spelling, $0) })
    // Lookups by token run once per operand; keying by the enum avoids hashing spellings.
    private static let binaryByPunct: [Punct: Binary] = Dictionary(uniqueKeysWithValues: Punct.allCases.compactMap { p in
        binaryBySpelling[p.rawValue].map { (p, $0) }
    })
    private static let prefixByPunct: [Punct: Prefix] = Dictionary(uniqueKeysWithValues: Punct.allCases.compactMap { p in
        prefixBySpelling[p.rawValue].map { (p, $0) }
    })
    private static let andEntry = binaryBySpelling["and"]
    private static let orEntry = binaryBySpelling["or"]
    private static let notEntry = prefixBySpelling["not"]

    /// The binary operator a token spells, if any.
    static func binary(for token: Token) -> Binary? {
        switch token.kind {
        case .punct(let p): return binaryByPunct[p]
        case .keyword(.and): return andEntry
        case .keyword(.or): return orEntry
        default: return nil
        }
    }

    /// The prefix operator a token spells, if any.
    static func prefix(for token: Token) -> Prefix? {
        switch token.kind {
        case .punct(let p): return prefixByPunct[p]
        case .keyword(.not): return notEntry
        default: return nil
        }
    }

    /// The entry for a binary operator.
    public static func entry(for op: BinaryOp) -> Binary? { binaryBySpelling[op.rawValue] }
}
