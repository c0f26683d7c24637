// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "columba",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "columba", targets: ["columba"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // MARK: - Pure grammar and message modules

        .target(
            name: "MailMessage",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SMTPGrammar",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        /// libFuzzer entry over MailMessage; see scripts/fuzz-mailmessage.sh.
        .executableTarget(name: "MailMessageFuzzer", dependencies: ["MailMessage"], swiftSettings: swiftSettings),
        /// MailMessage throughput benchmark; see BENCHMARKS.md.
        .executableTarget(
            name: "MailMessageBenchmark",
            dependencies: ["MailMessage"],
            path: "Benchmarks/MailMessageBenchmark/Sources",
            swiftSettings: swiftSettings
        ),

        /// IMAP and LMTP load generator and checker (`columba-bench`); a client of any server, see BENCHMARKS.md.
        .target(
            name: "ColumbaBench",
            dependencies: [
                "SMTPGrammar",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/ColumbaBench/Sources/ColumbaBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "columba-bench",
            dependencies: ["ColumbaBench", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/ColumbaBench/Sources/columba-bench",
            swiftSettings: swiftSettings
        ),

        .target(name: "Sieve", dependencies: ["MailMessage"], swiftSettings: swiftSettings),
        /// A user's Sieve scripts on disk, shared by LMTP delivery, ManageSieve and the CLI.
        .target(name: "SieveScripts", swiftSettings: swiftSettings),
        /// MailStore append/fetch/search benchmark; see BENCHMARKS.md and scripts/bench/storage.
        .executableTarget(
            name: "MailStoreBenchmark",
            dependencies: ["FS", "MailStore"],
            path: "Benchmarks/MailStoreBenchmark/Sources",
            swiftSettings: swiftSettings
        ),

        // MARK: - Storage

        .target(
            name: "FS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MailStore",
            dependencies: [
                "FS",
                "MailMessage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "IMAPGrammar",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ManageSieveGrammar",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Authentication

        /// C shims over the system's password hashing libraries (libxcrypt, libsodium, OpenSSL's MD5 state).
        .target(
            name: "CColumbaCrypt",
            linkerSettings: [
                .linkedLibrary("crypt"),
                .linkedLibrary("sodium"),
                .linkedLibrary("crypto"),
            ]
        ),
        .target(
            name: "Auth",
            dependencies: [
                "CColumbaCrypt",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Shared server infrastructure

        .target(
            name: "ServerKit",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Protocol services

        .target(
            name: "IMAPServer",
            dependencies: [
                "Auth",
                "IMAPGrammar",
                "MailStore",
                "ServerKit",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "LMTPServer",
            dependencies: [
                "Auth",
                "MailMessage",
                "MailStore",
                "SMTPGrammar",
                "ServerKit",
                "Sieve",
                "SieveScripts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "ManageSieveServer",
            dependencies: [
                "Auth",
                "ManageSieveGrammar",
                "ServerKit",
                "Sieve",
                "SieveScripts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Wiring and executables

        .target(
            name: "ColumbaServer",
            dependencies: [
                "Auth",
                "FS",
                "IMAPServer",
                "LMTPServer",
                "MailStore",
                "ManageSieveServer",
                "ServerKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "columba",
            dependencies: [
                "ColumbaServer",
                "IMAPGrammar",
                "IMAPServer",
                "LMTPServer",
                "MailMessage",
                "MailStore",
                "Sieve",
                "SieveScripts",
                "Auth",
                "ServerKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Fuzzers (built with -sanitize=fuzzer by scripts/fuzz-*.sh; a plain build makes a replay tool)

        .executableTarget(
            name: "SMTPGrammarFuzzer",
            dependencies: ["SMTPGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        /// libFuzzer entry for the Sieve lexer, parser, validator and interpreter; see scripts/fuzz-sieve.sh.
        .executableTarget(name: "SieveFuzzer", dependencies: ["Sieve", "MailMessage"], swiftSettings: swiftSettings),
        /// libFuzzer entry for the IMAP command parser; see scripts/fuzz-imapgrammar.sh.
        .executableTarget(
            name: "IMAPGrammarFuzzer",
            dependencies: ["IMAPGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        /// libFuzzer entry for the ManageSieve grammar; see scripts/fuzz-managesievegrammar.sh.
        .executableTarget(
            name: "ManageSieveGrammarFuzzer",
            dependencies: ["ManageSieveGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Test support

        .target(
            name: "MailTesting",
            dependencies: [
                "ColumbaServer",
                "ServerKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        /// A writer the storage crash test kills at random points; see StoreCrashTests.
        .executableTarget(name: "MailStoreTorture", dependencies: ["MailStore", "MailTesting"], swiftSettings: swiftSettings),

        // MARK: - Tests

        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ColumbaBenchTests",
            dependencies: [
                "ColumbaBench",
                "SMTPGrammar",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MailStoreTests",
            dependencies: ["MailStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SieveTests", dependencies: ["Sieve", "MailMessage"], exclude: ["svtest"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SMTPGrammarTests",
            dependencies: ["SMTPGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IMAPGrammarTests",
            dependencies: ["IMAPGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthTests",
            dependencies: [
                "Auth",
                "MailTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerKitTests",
            dependencies: [
                "ServerKit",
                "MailTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FSTests",
            dependencies: [
                "FS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IMAPServerTests",
            dependencies: [
                "IMAPServer", "IMAPGrammar", "MailStore", "MailTesting", "Auth", "ServerKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LMTPServerTests",
            dependencies: [
                "LMTPServer", "MailTesting", "MailMessage", "MailStore", "Sieve", "SieveScripts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SieveScriptsTests", dependencies: ["SieveScripts"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ManageSieveGrammarTests",
            dependencies: ["ManageSieveGrammar", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ManageSieveServerTests",
            dependencies: [
                "ManageSieveServer", "ManageSieveGrammar", "MailStore", "MailTesting", "Auth", "ServerKit", "SieveScripts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColumbaServerTests",
            dependencies: [
                "ColumbaServer", "MailTesting", "Auth", "ServerKit", "MailStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Peers"],
            swiftSettings: swiftSettings
        ),
    ]
)
