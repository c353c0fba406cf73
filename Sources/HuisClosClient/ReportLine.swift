public import HuisClosL10n

/// A sentence a face shows a person: an information (standard output in the CLI) or a problem
/// (standard error).
public enum ReportLine: Sendable, Equatable {
    case info(Text)
    case problem(Text)
}
