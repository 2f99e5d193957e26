"""The `send-lifecycle` command, which the tests compare the package with.

It is `$SEND_LIFECYCLE_CLI` when set; otherwise `cargo build -p send-lifecycle-cli` builds it
(at once when CI's `cargo test --workspace` already has) and its path is read from
`cargo metadata`.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from _cases import ROOT


@pytest.fixture(scope="session")
def cli() -> Path:
    given = os.environ.get("SEND_LIFECYCLE_CLI")
    if given:
        return Path(given)
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "send-lifecycle-cli"], cwd=ROOT, check=True
    )
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    target = Path(json.loads(metadata.stdout)["target_directory"])
    return target / "debug" / "send-lifecycle"
