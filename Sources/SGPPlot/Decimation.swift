import Foundation

/// Reduces big series to what can be seen, deterministically.
enum Decimation {
    /// Lines with more points than this are decimated (min/max per pixel column).
    static let lineThreshold = 10_000
    /// Scatters with more points than this are drawn as a density grid in SVG.
    static let scatterThreshold = 20_000

    /// For x-sorted data: per pixel column keep the first, lowest, highest and last point, in order — the drawn
    /// line covers the same pixels. Unsorted data (trajectories) keep every point that moves at least half a
    /// pixel from the last kept one. Input and output are pixel coordinates.
    static func line(px: [Double], py: [Double]) -> (xs: [Double], ys: [Double]) {
        let n = min(px.count, py.count)
        guard n > 2 else { return (px, py) }
        var sorted = true
        for i in 1..<n where px[i] < px[i - 1] { sorted = false; break }
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(min(n, 4096)); ys.reserveCapacity(min(n, 4096))
        if sorted {
            var i = 0
            while i < n {
                let col = px[i].rounded(.down)
                // j starts past i so that a NaN position (never equal to itself) cannot stall the loop.
                var j = i + 1, lo = i, hi = i
                while j < n, px[j].rounded(.down) == col {
                    if py[j] < py[lo] { lo = j }
                    if py[j] > py[hi] { hi = j }
                    j += 1
                }
                var last = -1
                for k in [i, min(lo, hi), max(lo, hi), j - 1] where k != last {
                    xs.append(px[k]); ys.append(py[k])
                    last = k
                }
                i = j
            }
        } else {
            xs.append(px[0]); ys.append(py[0])
            for i in 1..<n {
                let dx = px[i] - (xs.last ?? 0), dy = py[i] - (ys.last ?? 0)
                if dx * dx + dy * dy >= 0.25 || i == n - 1 { xs.append(px[i]); ys.append(py[i]) }
            }
        }
        return (xs, ys)
    }

}
