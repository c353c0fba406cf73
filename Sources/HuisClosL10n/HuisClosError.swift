/// The kind of a failure: one enum per error type, each case a stable code with what it means and
/// what to do in both languages, the exit status of `huisclos` and, when the relay sends it, an
/// HTTP status. `ErrorCodeTests` walks every case of every such enum (Protocol/ERRORS.md lists them).
public protocol ErrorCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The first part of every code of this enum (`dossier` in `dossier.notFound`), unique across
    /// the product so that a code names one failure.
    static var domain: String { get }
    /// What this kind of failure means and what to do, in both languages: what a person reads when
    /// the place that failed has nothing more precise to say in their language.
    var text: Text { get }
    /// The exit status of a command that fails this way.
    var exitStatus: ExitStatus { get }
    /// The HTTP status the relay answers this failure with; nil when the relay never sends it.
    var httpStatus: Int? { get }
}

extension ErrorCode {
    public var httpStatus: Int? { nil }

    /// `domain.case`: stable, unique across the product (scripts and the codes table use it).
    public var qualified: String { "\(Self.domain).\(rawValue)" }
}

/// Every error HuisClos throws: a stable code, what happened and what to do in French and
/// English, the exit status and (for the relay) the HTTP status. One `explain` per face reads it.
public protocol HuisClosError: Error, Sendable {
    associatedtype Code: ErrorCode
    /// The kind of failure, stable.
    var code: Code { get }
    /// What happened and what to do, in both languages; never a secret or confidential content.
    var text: Text { get }
    /// The exit status of a command that fails with this error (the code's unless a cause says otherwise).
    var exitStatus: ExitStatus { get }
}

extension HuisClosError {
    public var text: Text { code.text }
    public var exitStatus: ExitStatus { code.exitStatus }
    /// The HTTP status the relay answers this error with, when it sends it.
    public var httpStatus: Int? { code.httpStatus }
    /// The code as `domain.case`.
    public var qualifiedCode: String { code.qualified }
    /// What happened and what to do, in English: for logs and the relay's wire fields, not for a person.
    public var message: String { text.english }
    /// `code: what happened`, in English, for logs (the text never holds a secret).
    public var description: String { "\(code.rawValue): \(text.english)" }

    /// « Erreur (code) : text », as a face prints a failure.
    public var report: Text {
        Text(fr: "Erreur (\(qualifiedCode)) : \(text.french)", en: "Error (\(qualifiedCode)): \(text.english)")
    }
}

/// A HuisClos error compared by its code alone: two failures of the same kind are equal whatever
/// their words say (callers and tests match a thrown error by its kind).
public protocol CodeEquatable: HuisClosError, Equatable {}

extension CodeEquatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
