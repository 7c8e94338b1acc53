/// "Did you mean" suggestions.
public enum Suggest {
    /// The single candidate closest to `name` within a small edit distance, or nil when there is none or a tie.
    ///
    /// Distance is Damerau–Levenshtein (optimal string alignment, so a swap of neighbours costs 1), compared
    /// case-insensitively; the allowed distance grows with the name: 1 up to 5 characters, 2 up to 8, then 3.
    public static func closest(_ name: String, among candidates: [String]) -> String? {
        let a = Array(name.lowercased())
        guard !a.isEmpty else { return nil }
        let limit = a.count <= 5 ? 1 : (a.count <= 8 ? 2 : 3)
        var best: String?
        var bestDistance = Int.max
        var tie = false
        var seen = Set<String>()
        for candidate in candidates where candidate != name && seen.insert(candidate).inserted {
            let b = Array(candidate.lowercased())
            // The distance is at least the length difference; skip hopeless candidates cheaply.
            if abs(a.count - b.count) > limit { continue }
            let d = distance(a, b)
            if d < bestDistance {
                bestDistance = d
                best = candidate
                tie = false
            } else if d == bestDistance {
                tie = true
            }
        }
        guard bestDistance <= limit, !tie else { return nil }
        return best
    }

    /// Optimal-string-alignment distance between two character arrays.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        // Three rolling rows: the transposition rule looks two rows back.
        var before = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
