using System.Globalization;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.CiPipelines;

/// <summary>
/// The shell and Python the Tasks run. Values from webhooks reach them through environment
/// variables, never by substitution into the script text, so a crafted branch or URL cannot
/// inject commands. Tekton substitutes only <c>$(params…)</c>, <c>$(workspaces…)</c> and
/// <c>$(results…)</c> references, so command substitution is written with backquotes.
/// </summary>
internal static class CiScripts
{
    private static readonly string Port = CiNames.IntegrationRpcPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fetches exactly one commit (shallow) into a clean directory and records it.</summary>
    public const string Checkout = """
        #!/bin/sh
        set -eu
        src="$(workspaces.source.path)/source"
        rm -rf "$src"
        mkdir -p "$src"
        cd "$src"
        git init -q
        git remote add origin "$REPO_URL"
        git fetch -q --depth 1 --no-tags origin "$REVISION"
        git checkout -q --detach FETCH_HEAD
        git rev-parse HEAD | tr -d '\n' > "$(results.commit.path)"
        echo "checked out $REPO_URL at `cat "$(results.commit.path)"`"
        """;

    /// <summary>
    /// Where downloads are cached: the shared cache volume when the run binds one (ReadWriteMany),
    /// else the run's own volume, so concurrent runs never wait for one volume.
    /// </summary>
    public const string CacheSetup = """
        if [ "$CACHE_BOUND" = true ]; then cache="$CACHE_DIR"; else cache="$(workspaces.source.path)/cache"; fi
        export CARGO_HOME="$cache/cargo" SOURCES_PATH="$cache/zcashd/sources" BASE_CACHE="$cache/zcashd/built"
        mkdir -p "$CARGO_HOME" "$SOURCES_PATH" "$BASE_CACHE"
        """;

    /// <summary>Builds the node; its binaries go to the run's volume for the integration step.</summary>
    public const string Build = """
        #!/bin/sh
        set -eu
        """ + "\n" + CacheSetup + "\n" + """
        cd "$(workspaces.source.path)/source"
        bin="$(workspaces.source.path)/bin"
        mkdir -p "$bin"
        case "$IMPLEMENTATION" in
          zebrad)
            cargo build --locked --release --bin zebrad
            cp "$CARGO_TARGET_DIR/release/zebrad" "$bin/"
            ;;
          zcashd)
            ./zcutil/build.sh -j"`nproc`"
            cp src/zcashd src/zcash-cli "$bin/"
            ;;
          *)
            echo "unknown implementation '$IMPLEMENTATION'" >&2
            exit 2
            ;;
        esac
        """;

    /// <summary>The node's own unit tests, reusing the build's output.</summary>
    public const string UnitTests = """
        #!/bin/sh
        set -eu
        """ + "\n" + CacheSetup + "\n" + """
        cd "$(workspaces.source.path)/source"
        case "$IMPLEMENTATION" in
          zebrad) cargo test --locked --release --workspace ;;
          zcashd) ./src/test/test_bitcoin && ./src/zcash-gtest ;;
          *) echo "unknown implementation '$IMPLEMENTATION'" >&2; exit 2 ;;
        esac
        """;

    /// <summary>
    /// Picks the snapshot to seed from: the entry at the wanted height (or the newest) whose
    /// database major version matches the build. Its digest is required: the restore verifies it.
    /// </summary>
    public const string Resolve = """
        #!/usr/bin/env python3
        import json
        import os
        import sys
        import urllib.parse
        import urllib.request

        index = os.environ["SNAPSHOT_INDEX"]
        wanted = os.environ.get("SNAPSHOT_HEIGHT", "").strip()
        db_major = int(os.environ["DB_MAJOR"])
        implementation = os.environ["IMPLEMENTATION"]

        with urllib.request.urlopen(index, timeout=120) as response:
            entries = json.load(response)

        candidates = [
            e for e in entries
            if e.get("db_major") == db_major and e.get("implementation", "zebrad") == implementation
        ]
        if wanted:
            candidates = [e for e in candidates if e.get("height") == int(wanted)]
        if not candidates:
            at = f" at height {wanted}" if wanted else ""
            sys.exit(f"{index} has no {implementation} snapshot with database major {db_major}{at}")

        entry = max(candidates, key=lambda e: e.get("height", -1))
        if not entry.get("sha256") or entry.get("height") is None:
            sys.exit(f"{index}: the entry {entry.get('url')} has no sha256 or height; refusing to restore it")

        archive = urllib.parse.urljoin(index, entry["url"])
        for path, value in [
            ("$(results.archive-url.path)", archive),
            ("$(results.sha256.path)", entry["sha256"]),
            ("$(results.height.path)", str(entry["height"])),
        ]:
            with open(path, "w") as out:
                out.write(value)
        print(f"seeding from {archive} at height {entry['height']}")
        """;

    /// <summary>
    /// The node under test (a sidecar): waits until the checks step says the restored state is in
    /// place, then runs the binary just built, without peers, so it stays at the snapshot's height.
    /// </summary>
    public static readonly string Node = """
        #!/bin/sh
        set -eu
        state="$(workspaces.source.path)/node-state"
        bin="$(workspaces.source.path)/bin"
        until [ -f "$state/.start" ]; do sleep 2; done
        case "$NETWORK" in
          mainnet) zebra_network=Mainnet; zcashd_network= ;;
          testnet) zebra_network=Testnet; zcashd_network=-testnet ;;
          regtest) zebra_network=Regtest; zcashd_network=-regtest ;;
          *) echo "unknown network '$NETWORK'" >&2; exit 2 ;;
        esac
        case "$IMPLEMENTATION" in
          zebrad)
            cat > "$state/zebrad.toml" <<EOF
        [network]
        network = "$zebra_network"
        initial_mainnet_peers = []
        initial_testnet_peers = []

        [state]
        cache_dir = "$state"

        [rpc]
        listen_addr = "127.0.0.1:@RPC_PORT@"
        enable_cookie_auth = true
        cookie_dir = "$state"
        EOF
            exec "$bin/zebrad" -c "$state/zebrad.toml" start
            ;;
          zcashd)
            touch "$state/zcash.conf"
            exec "$bin/zcashd" -datadir="$state" $zcashd_network @ZCASHD_ACK@ -connect=0 -listen=0 -dnsseed=0 \
              -rpcbind=127.0.0.1 -rpcallowip=127.0.0.1 -rpcport=@RPC_PORT@ -printtoconsole
            ;;
          *) echo "unknown implementation '$IMPLEMENTATION'" >&2; exit 2 ;;
        esac
        """.Replace("@RPC_PORT@", Port, StringComparison.Ordinal).Replace("@ZCASHD_ACK@", ZcashdDeprecation.Flag, StringComparison.Ordinal);

    /// <summary>Starts the node, waits for RPC, and checks it serves the chain up to the snapshot's height.</summary>
    public static readonly string RpcChecks = """
        #!/bin/sh
        set -eu
        state="$(workspaces.source.path)/node-state"
        cookie="$state/$STATE_SUBDIR/.cookie"
        touch "$state/.start"
        rpc() {
          curl -sS --fail --max-time 30 --user "`cat "$cookie"`" -H 'content-type: application/json' \
            --data "{\"jsonrpc\":\"1.0\",\"id\":\"ci\",\"method\":\"$1\",\"params\":$2}" http://127.0.0.1:@RPC_PORT@/
        }
        tries=0
        until [ -f "$cookie" ] && rpc getblockchaininfo '[]' >/dev/null 2>&1; do
          tries=`expr $tries + 1`
          if [ "$tries" -ge 360 ]; then echo "the node did not answer RPC within 30 minutes" >&2; exit 1; fi
          sleep 5
        done
        info=`rpc getblockchaininfo '[]'`
        echo "$info"
        blocks=`echo "$info" | sed -n 's/.*"blocks":[[:space:]]*\([0-9][0-9]*\).*/\1/p'`
        if [ -z "$blocks" ]; then echo "getblockchaininfo reported no block count" >&2; exit 1; fi
        if [ "$blocks" -lt "$EXPECTED_HEIGHT" ]; then
          echo "the node is at height $blocks, below the snapshot's $EXPECTED_HEIGHT" >&2
          exit 1
        fi
        rpc getblockhash "[$EXPECTED_HEIGHT]"
        echo
        rpc getbestblockhash '[]'
        echo
        echo "RPC checks passed: the node serves the chain at height $blocks"
        """.Replace("@RPC_PORT@", Port, StringComparison.Ordinal);

    /// <summary>The repository's own RPC tests, when the stack names a command.</summary>
    public static readonly string RpcTests = """
        #!/bin/sh
        set -eu
        if [ -z "$RPC_TEST_COMMAND" ]; then
          echo "no RPC test command configured; the built-in checks ran"
          exit 0
        fi
        cd "$(workspaces.source.path)/source"
        export ZCASH_RPC_URL=http://127.0.0.1:@RPC_PORT@/
        export ZCASH_RPC_COOKIE="$(workspaces.source.path)/node-state/$STATE_SUBDIR/.cookie"
        sh -c "$RPC_TEST_COMMAND"
        """.Replace("@RPC_PORT@", Port, StringComparison.Ordinal);
}
