import Foundation

extension Figure {
    /// Writes the figure to `path`: SVG for `.svg`, the ASCII terminal rendering (100×30) for `.txt`.
    public func save(to path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        let text: String
        switch ext {
        case "svg": text = try SVGRenderer.render(self)
        case "txt": text = try TerminalRenderer.render(self, width: 100, height: 30, unicode: false)
        default: throw PlotError.unsupportedFormat(path: path)
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw PlotError.writeFailed(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
