public import HuisClosL10n
import HuisClosReplica

/// What a face shows for a failure: every error a workflow throws as one `HuisClosError`.
public enum ErrorExplanation {
    /// `error` itself when it is a HuisClos error; a database failure as the replica classifies it
    /// (a page that fails authentication is named tampering, not "disk I/O error"); anything else
    /// as an `UnexpectedError`.
    public static func of(_ error: any Error) -> any HuisClosError {
        if let known = error as? any HuisClosError { return known }
        let replica = ReplicaError(classifying: error)
        return replica.code == .storageFailed ? UnexpectedError(error) : replica
    }
}
