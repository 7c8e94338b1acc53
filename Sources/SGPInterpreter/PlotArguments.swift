import Foundation
import SGPPlot
import SGPTensor

/// SGPPlot's axis interval (another module also has a `Limits`).
typealias PlotLimits = SGPPlot.Limits

/// Argument handling shared by the plotting builtins: the common keywords, data conversion, colours, styles and
/// limits, and the overlay/apply/wrap step every builtin ends with.
enum PlotArgs {
    /// Keywords every plotting builtin takes, after its own parameters.
    static var common: [BuiltinParam] { [
        .opt("title", "string", .nil), .opt("xlabel", "string", .nil), .opt("ylabel", "string", .nil),
        .opt("xlim", "[lower, upper]", .nil), .opt("ylim", "[lower, upper]", .nil),
        .opt("logx", "bool", .bool(false)), .opt("logy", "bool", .bool(false)), .opt("legend", "bool", .bool(true)),
        .opt("on", "figure to draw over", .nil),
    ] }

    /// Colour names accepted by `color=` (the Okabe–Ito palette), besides `#rrggbb`.
    static let colorNames: [(String, Color)] = [
        ("blue", Color.palette[0]), ("vermillion", Color.palette[1]), ("red", Color.palette[1]),
        ("green", Color.palette[2]), ("purple", Color.palette[3]), ("orange", Color.palette[4]),
        ("skyblue", Color.palette[5]), ("yellow", Color.palette[6]), ("black", Color.palette[7]),
        ("gray", Color(r: 0x88, g: 0x88, b: 0x88)), ("white", Color(r: 0xff, g: 0xff, b: 0xff)),
    ]

    /// The elements of a tensor as Doubles, row-major (raw-pointer copy).
    static func doubles(_ t: Tensor) -> [Double] {
        let n = t.count
        guard n > 0 else { return [] }
        if t.dtype == .float64 { return Array(UnsafeBufferPointer(start: t.storage.f64, count: n)) }
        let p = t.storage.f32
        return [Double](unsafeUninitializedCapacity: n) { buf, done in
            for i in 0..<n { buf[i] = Double(p[i]) }
            done = n
        }
    }

    /// Argument `name` as a tensor (tensors, numbers, numeric lists); errors name the builtin.
    static func tensor(_ a: Arguments, _ name: String) throws -> Tensor {
        let v = a[name]
        switch v {
        case .tensor(let t): return t
        case .number, .bool, .list:
            if let t = try v.asTensor() { return t }
        default: break
        }
        throw RuntimeError("\(a.owner): \(name) must be a tensor or a list of numbers, got \(v.typeName)")
    }

    /// Argument `name` as a non-empty vector: a rank-0/1 tensor, or [N, 1] / [1, N].
    static func vector(_ a: Arguments, _ name: String, as shown: String? = nil) throws -> [Double] {
        let t = try tensor(a, name)
        let name = shown ?? name
        guard t.rank <= 1 || (t.rank == 2 && (t.shape[0] == 1 || t.shape[1] == 1)) else {
            throw RuntimeError("\(a.owner): \(name) must be a vector, got shape \(t.shape)")
        }
        guard t.count > 0 else { throw RuntimeError("\(a.owner): \(name) is empty, nothing to plot") }
        return doubles(t)
    }

    /// Argument `name` as columns: a vector is one column, an [N, k] matrix is k columns of N values.
    static func columns(_ a: Arguments, _ name: String, as shown: String? = nil) throws -> [[Double]] {
        let t = try tensor(a, name)
        let name = shown ?? name
        guard t.count > 0 else { throw RuntimeError("\(a.owner): \(name) is empty, nothing to plot") }
        if t.rank <= 1 { return [doubles(t)] }
        guard t.rank == 2 else { throw RuntimeError("\(a.owner): \(name) must be a vector or an [N, k] matrix, got shape \(t.shape)") }
        let n = t.shape[0], k = t.shape[1], flat = doubles(t)
        return (0..<k).map { j in (0..<n).map { flat[$0 * k + j] } }
    }

    /// Checks two data arrays of one series have the same length.
    static func sameLength(_ a: Arguments, _ n1: String, _ c1: Int, _ n2: String, _ c2: Int) throws {
        guard c1 == c2 else { throw RuntimeError("\(a.owner): \(n1) has \(c1) values but \(n2) has \(c2)") }
    }

    /// `[lower, upper]` (list or tensor of two numbers), or nil.
    static func limits(_ a: Arguments, _ name: String) throws -> PlotLimits? {
        let v = a[name]
        if v.isNil { return nil }
        var xs: [Double] = []
        if let t = try? v.asTensor(), t.count == 2, t.rank == 1 { xs = doubles(t) }
        guard xs.count == 2 else {
            throw RuntimeError("\(a.owner): \(name) must be [lower, upper], got \(v.typeName == "tensor" || v.typeName == "list" ? v.display : v.typeName)")
        }
        guard xs[0].isFinite, xs[1].isFinite, xs[0] < xs[1] else {
            throw RuntimeError("\(a.owner): \(name) must be finite with lower < upper, got [\(formatNumber(xs[0])), \(formatNumber(xs[1]))]")
        }
        return PlotLimits(xs[0], xs[1])
    }

    /// An optional string argument.
    static func string(_ a: Arguments, _ name: String) throws -> String? {
        switch a[name] {
        case .nil: return nil
        case .string(let s): return s
        case let v: throw RuntimeError("\(a.owner): \(name) must be a string, got \(v.typeName)")
        }
    }

    /// `color=`: nil, a palette name or `#rrggbb`.
    static func color(_ a: Arguments, _ name: String = "color") throws -> Color? {
        guard let s = try string(a, name) else { return nil }
        if let c = colorNames.first(where: { $0.0 == s.lowercased() }) { return c.1 }
        if s.hasPrefix("#"), let c = Color(hex: s) { return c }
        throw RuntimeError("\(a.owner): unknown colour '\(s)'",
                           help: didYouMean(s, colorNames.map(\.0)) ?? "use #rrggbb or one of " + colorNames.map(\.0).joined(separator: ", "))
    }

    /// `style=`: solid, dashed or dotted.
    static func style(_ a: Arguments, default d: LineStyle = .solid) throws -> LineStyle {
        guard let s = try string(a, "style") else { return d }
        guard let st = LineStyle(rawValue: s) else {
            let names = LineStyle.allCases.map(\.rawValue)
            throw RuntimeError("\(a.owner): unknown line style '\(s)'", help: didYouMean(s, names) ?? "use one of " + names.joined(separator: ", "))
        }
        return st
    }

    /// A non-negative finite number option.
    static func size(_ a: Arguments, _ name: String) throws -> Double {
        let d = try a.number(name)
        guard d.isFinite, d >= 0 else { throw RuntimeError("\(a.owner): \(name) must be finite and non-negative, got \(formatNumber(d))") }
        return d
    }

    /// The figure to draw into: a copy of `on=` or a fresh one.
    static func start(_ a: Arguments) throws -> Figure {
        switch a["on"] {
        case .nil: return Figure()
        case .opaque(let o as FigureValue): return o.figure
        case let v: throw RuntimeError("\(a.owner): on must be a figure, got \(v.typeName)")
        }
    }

    /// Runs `body` on the target axes (the first axes of the figure), applies the common keywords and wraps it.
    static func draw(_ a: Arguments, _ body: (inout Axes) throws -> Void) throws -> Value {
        var fig = try start(a)
        var ax = fig.ax
        // PlotError messages already name the series ("hist #1: bins must be …").
        do { try body(&ax) } catch let e as PlotError { throw RuntimeError(e.description) }
        fig.ax = ax
        try apply(a, to: &fig, axesIndex: 0)
        return .opaque(FigureValue(fig))
    }

    /// Applies `title=`, labels, limits, log scales and `legend=` to one axes (or, for `title` on a grid, the
    /// figure's suptitle). Over an existing figure (`on=`) unset options keep what the figure has.
    static func apply(_ a: Arguments, to fig: inout Figure, axesIndex i: Int) throws {
        guard i >= 0, i < fig.axes.count else { return }
        let overlay = !a["on"].isNil
        if let t = try string(a, "title") { if fig.axes.count > 1 { fig.suptitle = t } else { fig.axes[i].title = t } }
        if let s = try string(a, "xlabel") { fig.axes[i].xlabel = s }
        if let s = try string(a, "ylabel") { fig.axes[i].ylabel = s }
        if let l = try limits(a, "xlim") { fig.axes[i].xlim = l }
        if let l = try limits(a, "ylim") { fig.axes[i].ylim = l }
        let logx = try a.bool("logx"), logy = try a.bool("logy"), legend = try a.bool("legend")
        if logx || !overlay { fig.axes[i].xlog = logx }
        if logy || !overlay { fig.axes[i].ylog = logy }
        if !legend || !overlay { fig.axes[i].legend = legend }
    }

    /// The sampling range of a field plot: `xlim=`/`ylim=`, else the `on=` figure's fixed limits.
    static func fieldRange(_ a: Arguments, _ name: String) throws -> PlotLimits {
        if let l = try limits(a, name) { return l }
        if case .opaque(let o as FigureValue) = a["on"], let l = name == "xlim" ? o.figure.ax.xlim : o.figure.ax.ylim { return l }
        throw RuntimeError("\(a.owner): give \(name)=[lower, upper] to say where to evaluate the function")
    }

    /// `grid=`: points per axis for sampling a function.
    static func gridCount(_ a: Arguments, max: Int) throws -> Int {
        let n = try a.int("grid")
        guard n >= 2, n <= max else { throw RuntimeError("\(a.owner): grid must be between 2 and \(max), got \(n)") }
        return n
    }
}
