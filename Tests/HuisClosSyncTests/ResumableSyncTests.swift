import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Synchronization
import Testing

/// A sync cut anywhere resumes: the cursor advances only after a page was applied.
@Suite(.tags(.slow)) struct ResumableSyncTests {
    /// A store that fails `apply` while `failures` is above zero, delegating everything else.
    final class FailingStore: SyncLocalStore {
        let inner: MemorySyncStore
        let failures: Mutex<Int>
        struct Cut: Error {}

        init(inner: MemorySyncStore, failures: Int) {
            self.inner = inner
            self.failures = Mutex(failures)
        }

        func outbox() async throws -> [BatchEnvelope] { await inner.outbox() }
        func acknowledge(_ ids: [BatchID]) async throws { await inner.acknowledge(ids) }
        func cursor(for scope: ScopeID) async throws -> LogCursor { await inner.cursor(for: scope) }
        func setCursor(_ cursor: LogCursor, for scope: ScopeID) async throws { await inner.setCursor(cursor, for: scope) }
        func batches(in scope: ScopeID) async throws -> [BatchEnvelope] { try await inner.batches(in: scope) }
        func ownHeads() async throws -> [BatchEnvelope] { try await inner.ownHeads() }
        func apply(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], scope: ScopeID) async throws -> PullReport {
            let fail = failures.withLock { left in
                defer { left -= 1 }
                return left > 0
            }
            if fail { throw Cut() }
            return await inner.apply(batches, receivedAtMs: receivedAtMs, scope: scope)
        }
    }

    @Test func cursorStaysPutWhenApplyFailsAndTheNextSyncCatchesUp() async throws {
        try await TestServer.with("resume") { server in
            let writer = try await TestDevice.enrolled(on: server.url)
            for index in 0..<30 { try await writer.store.author(scope: .council, body: [UInt8(index)]) }
            _ = try await writer.driver.sync()

            let reader = try await TestDevice.enrolled(on: server.url)
            let failing = FailingStore(inner: reader.store, failures: 1)
            await #expect(throws: FailingStore.Cut.self) {
                try await SyncDriver(client: reader.client, store: failing).sync()
            }
            #expect(await reader.store.cursor(for: .council).position == 0, "no cursor past what was applied")
            let report = try await SyncDriver(client: reader.client, store: failing).sync()
            #expect(report.pulled.applied == 30)
            #expect(await reader.store.cursor(for: .council).position == 30)
            #expect(await reader.store.heldBatches() == writer.store.heldBatches())
        }
    }

    @Test func pushCutBeforeTheAnswerIsRepairedByPushingAgain() async throws {
        try await TestServer.with("push-again") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let batches = try await (0..<5).asyncMap { _ in try await device.store.author(scope: .council, body: [1]) }
            // The server stored them but the device never heard back: they stay in its outbox.
            _ = try await device.client.push(batches)
            let report = try await device.driver.sync()
            #expect(report.pushed == 5 && report.pushRejected.isEmpty)
            #expect(await device.store.outbox().isEmpty)
            #expect(report.pulled.duplicates == 5, "its own batches come back as duplicates, not new entries")
        }
    }
}
