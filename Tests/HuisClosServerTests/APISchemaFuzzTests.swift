import Foundation
@testable import HuisClosSync
import HuisClosTestSupport
import Testing

/// The relay under schema-driven fuzzing: schemathesis reads Protocol/openapi.yaml and sends
/// every operation generated and mutated requests (protobuf bodies as arbitrary bytes, through
/// scripts/api_fuzz_hooks.py), once with the admin token and once with a device's token. Every
/// answer must be documented for its operation and none may be a 5xx.
/// HUISCLOS_API_FUZZ_EXAMPLES sets the examples per operation (25 here; thousands by hand).
@Suite(.enabled(if: ProjectTools.enabled), .tags(.slow))
struct APISchemaFuzzTests {
    @Test func noServerErrorAndNoUndocumentedAnswerUnderSchemathesis() async throws {
        let examples = ProcessInfo.processInfo.environment["HUISCLOS_API_FUZZ_EXAMPLES"] ?? "25"
        try await TestServer.with("api-fuzz") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let deviceToken = try await device.client.token()
            for (who, token) in [("admin", TestServer.adminToken), ("device", deviceToken)] {
                let outcome = try await ProjectTools.run("st", [
                    "run", ProjectTools.repository.appendingPathComponent("Protocol/openapi.yaml").path,
                    "--url", server.url, "-H", "Authorization: Bearer \(token)",
                    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance",
                    "--max-examples", examples, "--workers", "2", "--no-color",
                    // schemathesis waits 10 s per request by default; under the parallel suite on
                    // two cores a large mutated push can take longer, which is load, not a defect.
                    "--request-timeout", "60",
                ], environment: ["SCHEMATHESIS_HOOKS": "api_fuzz_hooks",
                                 "PYTHONPATH": ProjectTools.repository.appendingPathComponent("scripts").path])
                #expect(outcome.status == 0, "with the \(who) token:\n\((outcome.output + outcome.errors).suffix(6_000))")
                #expect(outcome.output.contains("passed"), "\((outcome.output + outcome.errors).suffix(2_000))")
            }
        }
    }
}
