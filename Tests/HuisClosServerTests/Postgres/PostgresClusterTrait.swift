import HuisClosTestSupport
import Testing

/// Gives the tests of a suite one cluster, started before its first test and stopped after its
/// last: `@Suite(.postgresCluster)`, then `SuiteCluster.get()` inside.
struct PostgresClusterTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let cluster = try await PostgresCluster.start()
        defer { cluster.stop() }
        try await SuiteCluster.$current.withValue(cluster) { try await function() }
    }
}

/// The cluster of the enclosing `.postgresCluster` suite.
enum SuiteCluster {
    @TaskLocal static var current: PostgresCluster?

    /// The suite's cluster; fails the test when called outside a `.postgresCluster` suite.
    static func get() throws -> PostgresCluster { try #require(current, "the suite needs the .postgresCluster trait") }
}

extension Trait where Self == PostgresClusterTrait {
    /// One PostgreSQL cluster for the whole suite (and its nested suites).
    static var postgresCluster: Self { PostgresClusterTrait() }
}
