import Algorithms
import HuisClosPublication

/// A dossier's text as HTML that cannot carry markup of its own: every character of the content is
/// escaped first, then a small Markdown subset (headings, lists, quotes, code, bold, italic) adds
/// the app's own tags. Links are shown as text, never followed: nothing leaves the machine.
enum SafeMarkdown {
    /// `text` escaped for HTML text and attribute values (the publication's escaping: one rule).
    static func escape(_ text: some StringProtocol) -> String { Escaping.html(String(text)) }

    /// Plain text (any `text/…` but Markdown, `text/html` included): escaped, its lines kept.
    static func plain(_ text: String) -> String {
        "<pre class=\"plain\">" + escape(text) + "</pre>"
    }

    /// Markdown: blocks by lines, inline marks inside each block; the page's `h1` is the dossier's
    /// title, so `#` becomes `h2`.
    static func html(_ text: String) -> String {
        var output: [String] = []
        var paragraph: [String] = []
        var list: (tag: String, items: [String])?
        var code: [String]?

        func flushParagraph() {
            if !paragraph.isEmpty { output.append("<p>" + paragraph.map(inline).joined(separator: "\n") + "</p>") }
            paragraph = []
        }
        func flushList() {
            if let open = list {
                output.append("<\(open.tag)>" + open.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(open.tag)>")
            }
            list = nil
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ String($0.trimmingSuffix { $0 == "\r" }) }) {
            let trimmed = line.trimmingPrefix { $0 == " " }
            if trimmed.hasPrefix("```") {
                if let block = code {
                    output.append("<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>")
                    code = nil
                } else {
                    flushParagraph()
                    flushList()
                    code = []
                }
                continue
            }
            if code != nil {
                code?.append(line)
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
                flushList()
            } else if let (level, title) = heading(trimmed) {
                flushParagraph()
                flushList()
                output.append("<h\(level)>" + inline(title) + "</h\(level)>")
            } else if let item = listItem(trimmed) {
                flushParagraph()
                if list?.tag != item.tag { flushList() }
                list = (item.tag, (list?.items ?? []) + [item.text])
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                flushList()
                output.append("<blockquote><p>" + inline(trimmed.dropFirst().trimmingPrefix { $0 == " " }) + "</p></blockquote>")
            } else {
                flushList()
                paragraph.append(String(trimmed))
            }
        }
        if let block = code { output.append("<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>") }
        flushParagraph()
        flushList()
        return output.joined(separator: "\n")
    }

    /// `# Title` → (2, "Title"), down to `######` → h6.
    private static func heading(_ line: Substring) -> (Int, Substring)? {
        let marks = line.prefix { $0 == "#" }.count
        guard (1...6).contains(marks), line.dropFirst(marks).first == " " else { return nil }
        return (min(6, marks + 1), line.dropFirst(marks + 1))
    }

    /// `- item`, `* item`, `+ item` (ul) or `1. item` (ol).
    private static func listItem(_ line: Substring) -> (tag: String, text: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ("ul", String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return ("ol", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline marks over escaped text: `code`, **bold**, *italic* or _italic_.
    private static func inline(_ text: some StringProtocol) -> String {
        var output = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                output += "<code>" + escape(rest[rest.index(after: rest.startIndex)..<end]) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).firstRange(of: "**"), end.lowerBound > rest.index(rest.startIndex, offsetBy: 2) {
                output += "<strong>" + inline(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]) + "</strong>"
                rest = rest[end.upperBound...]
            } else if first == "*" || first == "_", let end = rest.dropFirst().firstIndex(of: first), end > rest.index(after: rest.startIndex) {
                output += "<em>" + inline(rest[rest.index(after: rest.startIndex)..<end]) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else {
                output += escape(String(first))
                rest = rest.dropFirst()
            }
        }
        return output
    }
}
