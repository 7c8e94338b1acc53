import XCTest
@testable import SGPSyntax

final class LexerTests: XCTestCase {
    /// Token kinds of `text` as short strings, without the final eof.
    private func kinds(_ text: String) -> [String] {
        Lexer.tokenize(Source(name: "t", text: text)).tokens.dropLast().map { t in
            switch t.kind {
            case .number(let v): return "num(\(formatNumber(v)))"
            case .string(let s): return "str(\(s))"
            case .interpolation(let s): return "interp(\(s))"
            case .identifier(let n): return "id(\(n.text))"
            case .keyword(let k): return k.rawValue
            case .punct(let p): return p.rawValue
            case .newline: return "NL"
            case .eof: return "EOF"
            }
        }
    }

    func testNumbers() {
        XCTAssertEqual(kinds("0 42 1_000 3.25 1e3 2.5E-2 7e+1"),
                       ["num(0)", "num(42)", "num(1000)", "num(3.25)", "num(1000)", "num(0.025)", "num(70)"])
        // `1..3` is a range, not a decimal.
        XCTAssertEqual(kinds("1..3"), ["num(1)", "..", "num(3)"])
        XCTAssertEqual(kinds("x.y"), ["id(x)", ".", "id(y)"])
    }

    func testKeywordsAndIdentifiers() {
        let all = Keyword.allCases.map(\.rawValue)
        XCTAssertEqual(kinds(all.joined(separator: " ")), all)
        XCTAssertEqual(kinds("_a b2 endx β"), ["id(_a)", "id(b2)", "id(endx)", "id(β)"])
    }

    func testOperators() {
        let all = Punct.allCases.map(\.rawValue).filter { $0 != "." && $0 != "|>" }
        XCTAssertEqual(kinds(all.joined(separator: " ")), all)
        XCTAssertEqual(kinds("a<=b"), ["id(a)", "<=", "id(b)"])
        XCTAssertEqual(kinds("a->b|>c"), ["id(a)", "->", "id(b)", "|>", "id(c)"])
    }

    func testStrings() {
        XCTAssertEqual(kinds("\"a\\nb\" 'c\\'d' \"\\\\\\\"\""), ["str(a\nb)", "str(c'd)", "str(\\\")"])
        XCTAssertEqual(kinds("\"x{a}y{b}z\""), ["interp(x)", "id(a)", "interp(y)", "id(b)", "str(z)"])
        XCTAssertEqual(kinds("\"{{}}\""), ["str({})"])
        XCTAssertEqual(kinds("\"{ {k: 1} }\""), ["interp()", "{", "id(k)", ":", "num(1)", "}", "str()"])
    }

    func testNewlinesAndComments() {
        XCTAssertEqual(kinds("\n\na # c\n\nb\n"), ["id(a)", "NL", "id(b)", "NL"])
        // A line ending with an operator, comma or `=` continues; one starting with `|>` or `.` joins the previous.
        XCTAssertEqual(kinds("a +\nb"), ["id(a)", "+", "id(b)"])
        XCTAssertEqual(kinds("a,\nb"), ["id(a)", ",", "id(b)"])
        XCTAssertEqual(kinds("a\n|> f"), ["id(a)", "|>", "id(f)"])
        XCTAssertEqual(kinds("a\n  .b"), ["id(a)", ".", "id(b)"])
        XCTAssertEqual(kinds("a)\nb"), ["id(a)", ")", "NL", "id(b)"])
        XCTAssertEqual(kinds("# %% cell\nx"), ["id(x)"])
    }

    func testSpans() {
        let tokens = Lexer.tokenize(Source(name: "t", text: "ab  \"c{d}\" 12")).tokens
        XCTAssertEqual(tokens.map(\.span), [Span(0, 2), Span(4, 7), Span(7, 8), Span(8, 10), Span(11, 13), Span(13, 13)])
    }

    func testErrors() {
        func messages(_ text: String) -> [String] { Lexer.tokenize(Source(name: "t", text: text)).diagnostics.map(\.message) }
        XCTAssertEqual(messages("\"abc"), ["unterminated string"])
        XCTAssertEqual(messages("'abc\nx'"), ["unterminated string", "unterminated string"])
        XCTAssertEqual(messages("\"{a\""), ["unterminated string"])
        XCTAssertEqual(messages("a ! b"), ["unexpected character '!'"])
        XCTAssertEqual(messages("1e999"), ["number is too large"])
        XCTAssertTrue(Lexer.tokenize(Source(name: "t", text: "\"abc")).unterminatedAtEnd)
        XCTAssertFalse(Lexer.tokenize(Source(name: "t", text: "\"abc\nx")).unterminatedAtEnd)
    }
}

final class UnicodeLexerTests: XCTestCase {
    private func messages(_ text: String) -> [String] { Lexer.tokenize(Source(name: "t", text: text)).diagnostics.map(\.message) }

    func testInvisibleCharactersAreReported() {
        XCTAssertEqual(messages("x\u{00A0}= 1"), ["unexpected invisible character U+00A0"])
        XCTAssertEqual(messages("a\u{200B}b = 1"), ["unexpected invisible character U+200B"])
        // A byte-order mark at the start is allowed and skipped.
        XCTAssertEqual(messages("\u{FEFF}x = 1"), [])
        XCTAssertEqual(sexp("\u{FEFF}x = 1").0, "(= x 1)")
        XCTAssertEqual(messages("x = \u{FEFF}1"), ["unexpected invisible character U+FEFF"])
    }

    func testNonASCIINames() {
        XCTAssertEqual(sexp("β₁ = 0.1\nλ = β₁ * 2").0, "(= β₁ 0.1)\n(= λ (* β₁ 2))")
        XCTAssertEqual(sexp("s = \"ünïcødé {β}\"").0, "(= s (str \"ünïcødé \" β))")
    }

    func testScalarDecoding() {
        // Source text is a Swift String, so bytes are always valid UTF-8; the decoder still refuses to read past them.
        let lexer = Lexer(Source(name: "t", text: "aé€😀"))
        XCTAssertEqual(lexer.scalar(at: 0)?.length, 1)
        XCTAssertEqual(lexer.scalar(at: 1)?.scalar, "é")
        XCTAssertEqual(lexer.scalar(at: 3)?.scalar, "€")
        XCTAssertEqual(lexer.scalar(at: 6)?.length, 4)
        XCTAssertNil(lexer.scalar(at: 2))  // a continuation byte
        XCTAssertNil(lexer.scalar(at: 10))  // past the end
    }
}
