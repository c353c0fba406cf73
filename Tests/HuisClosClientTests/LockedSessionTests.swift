import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosTestSupport
import Testing

/// A session (and what it handed out) used after `lock()` refuses with the device's typed
/// `device.locked` error, « appareil verrouillé : déverrouillez-le », and never crashes the process:
/// Debian's SQLite dereferences a closed connection (SIGSEGV in `DatabaseQueue.read`, first noticed
/// when an app test read a device after locking it).
@Suite(.tags(.slow)) struct LockedSessionTests {
    @Test func everyReadAndWriteOfALockedSessionThrowsTheLockedErrorInsteadOfCrashing() async throws {
        try await LocalAppCouncil.withMember("locked-session") { council in
            let session = council.member
            let council = try await session.councilSession()
            let version = try session.dossierVersion(of: "cadrage", number: nil, in: .council)
            try await session.lock()
            var failures: [(String, (any Error)?)] = []
            func attempt(_ what: String, _ body: () async throws -> Void) async {
                do {
                    try await body()
                    failures.append((what, nil))
                } catch {
                    if (error as? DeviceError)?.code != .locked { failures.append((what, error)) }
                }
            }
            await attempt("status") { _ = try await session.status() }
            await attempt("seances") { _ = try council.seancesAcknowledgingReceipt() }
            await attempt("seance") { _ = try council.council.seance("s1") }
            await attempt("register") { _ = try council.roll(of: "s1") }
            await attempt("answer") { try council.answer("s1", .willAttend) }
            await attempt("dossierVersions") { _ = try session.dossierVersions(in: .council) }
            await attempt("search") { _ = try await session.searchDossiers("cadrage") }
            await attempt("fetch") { _ = try await session.fetchDossierVersion("cadrage", number: nil, in: .council) }
            await attempt("read") { _ = try await session.readDossierVersion(version, in: .council) { _ in } }
            await attempt("sync") { try await session.syncEverything(policy: .everything) }
            #expect(failures.isEmpty, "\(failures.map { "\($0.0): \($0.1.map { String(describing: $0) } ?? "no error")" })")
            let error = DeviceError(.locked, DeviceError.Code.locked.text)
            #expect(error.text.french.hasPrefix("appareil verrouillé : déverrouillez-le"), "\(error.text.french)")
            #expect(error.text.english.hasPrefix("device locked: unlock it"), "\(error.text.english)")
            try await session.lock()  // harmless when repeated
        }
    }
}
