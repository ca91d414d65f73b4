import Foundation

/// Shows progress of long work on stderr: a redrawn bar on a terminal, a line every tenth when piped.
/// Not locked: callers report from one thread at a time (the forecasting engine serialises its reports).
final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let interactive: Bool
    private let start = Date()
    private var lastTenth = -1

    init(label: String) {
        self.label = label
        self.interactive = isatty(STDERR_FILENO) == 1
    }

    func update(done: Int, total: Int) {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Int(Double(done) / elapsed)
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = "\r\(label) \(bar) \(Int(fraction * 100))%  \(done)/\(total)  \(rate)/s"
            FileHandle.standardError.write(Data(text.utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            let tenth = Int(fraction * 10)
            guard tenth != lastTenth else { return }
            lastTenth = tenth
            printNote("\(label): \(done)/\(total) (\(tenth * 10)%)")
        }
    }
}
