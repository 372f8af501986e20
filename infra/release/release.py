"""Release artifacts: what a user deploys without building anything.

    make release                      # or: python3 infra/release/release.py [--out artifacts/release]

Produces, in artifacts/release/:

* idckmsguard-function-x86_64.zip, idckmsguard-function-arm64.zip: the function's Native AOT `bootstrap`, alone,
  executable, with fixed timestamps (the same binary gives the same zip and checksum);
* template-x86_64.yaml, template-arm64.yaml: template.yaml with the function's code pointing at the zip beside it and
  the architecture fixed to the zip's (deploy with `sam deploy --template-file`, or `aws cloudformation package` then
  `deploy`); the other templates users deploy (infra/forwarder, infra/key) as they are;
* IdcKmsGuard.Cli.<version>.nupkg (the dotnet tool) and idckmsguard-<os>-<arch>[.exe]: the CLI as one self-contained
  executable for Linux, macOS and Windows (the runtime inside; no .NET needed);
* sbom-function.cdx.json, sbom-cli.cdx.json: CycloneDX software bills of materials (the CycloneDX dotnet tool of
  .config/dotnet-tools.json);
* SHA256SUMS, for `sha256sum -c SHA256SUMS`.

Building the bootstraps needs Linux x86_64 with clang and, for arm64, the aarch64 cross toolchain (see infra/docs/operations.md, "From source").
CI passes bootstraps it has already published (--bootstrap-x86_64, --bootstrap-arm64) instead of building them twice.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FUNCTION_PROJECT = "functions/IdcKmsGuard.Function/IdcKmsGuard.Function.csproj"
CLI_PROJECT = "functions/IdcKmsGuard.Cli/IdcKmsGuard.Cli.csproj"
ARCHITECTURES = {"x86_64": "linux-x64", "arm64": "linux-arm64"}
CLI_RUNTIMES = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"]
OTHER_TEMPLATES = ["infra/forwarder/forwarder.yaml", "infra/forwarder/iam-tripwire.yaml",
                   "infra/key/identity-center-key.yaml", "infra/key/identity-center-key-replica.yaml",
                   "infra/key/delegated-admin-policy.yaml"]
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class ReleaseError(Exception):
    pass


def function_zip(bootstrap: Path, destination: Path) -> None:
    """The bootstrap alone, mode 0755, fixed timestamp: the same binary always gives the same bytes."""
    info = zipfile.ZipInfo("bootstrap", date_time=ZIP_TIME)
    info.external_attr = (0o100755 << 16)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix: Lambda reads the mode from here
    with zipfile.ZipFile(destination, "w") as archive:
        archive.writestr(info, bootstrap.read_bytes())


# Each edit must apply exactly once: a template that changed shape fails the release instead of shipping half-edited.
def packaged_template(template: str, architecture: str, zip_name: str) -> str:
    edits = [
        ("    Metadata:\n      BuildMethod: makefile\n", ""),
        ("      CodeUri: .\n", f"      CodeUri: {zip_name}\n"),
        ("  Architecture:\n    Type: String\n    Default: x86_64\n    AllowedValues: [x86_64, arm64]\n",
         f"  Architecture:\n    Type: String\n    Default: {architecture}\n    AllowedValues: [{architecture}]\n"),
    ]
    for old, new in edits:
        if template.count(old) != 1:
            raise ReleaseError(f"template.yaml no longer has exactly one {old.strip().splitlines()[0]!r}: update infra/release/release.py")
        template = template.replace(old, new)
    return template


def checksums(folder: Path) -> str:
    lines = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    return "\n".join(lines) + "\n"


def run(*command: str) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def version() -> str:
    text = (ROOT / "functions" / "Directory.Build.props").read_text(encoding="utf-8")
    return text.split("<Version>")[1].split("</Version>")[0]


def publish_bootstrap(rid: str, work: Path) -> Path:
    out = work / f"bootstrap-{rid}"
    run("dotnet", "publish", FUNCTION_PROJECT, "-c", "Release", "-r", rid, "-o", str(out), "--nologo")
    return out / "bootstrap"


def publish_cli(rid: str, work: Path, out: Path) -> None:
    folder = work / f"cli-{rid}"
    run("dotnet", "publish", CLI_PROJECT, "-c", "Release", "-r", rid, "--self-contained", "-p:PublishSingleFile=true",
        "-p:PublishTrimmed=true", "-p:DebugType=none", "-o", str(folder), "--nologo")
    suffix = ".exe" if rid.startswith("win") else ""
    shutil.copy2(folder / f"idckmsguard{suffix}", out / f"idckmsguard-{rid}{suffix}")


def stage_function(bootstrap: Path, folder: Path, architecture: str) -> Path:
    """The function's zip and the packaged template that names it, side by side in folder, as the release ships them
    (the demo and the stand-in's stack tests deploy what this makes); returns the template's path."""
    zip_name = f"idckmsguard-function-{architecture}.zip"
    function_zip(bootstrap, folder / zip_name)
    template = folder / f"template-{architecture}.yaml"
    template.write_text(packaged_template((ROOT / "template.yaml").read_text(encoding="utf-8"), architecture, zip_name), encoding="utf-8")
    return template


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="artifacts/release")
    for architecture in ARCHITECTURES:
        parser.add_argument(f"--bootstrap-{architecture}", help="an already published bootstrap to ship")
    arguments = parser.parse_args()
    out = ROOT / arguments.out
    work = ROOT / "artifacts" / "release-work"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True)
    work.mkdir(parents=True)
    for architecture, rid in ARCHITECTURES.items():
        given = getattr(arguments, f"bootstrap_{architecture}")
        stage_function(Path(given) if given else publish_bootstrap(rid, work), out, architecture)
    for other in OTHER_TEMPLATES:
        shutil.copy2(ROOT / other, out / Path(other).name)
    run("dotnet", "pack", CLI_PROJECT, "-c", "Release", "-o", str(out), "--nologo")
    for rid in CLI_RUNTIMES:
        publish_cli(rid, work, out)
    run("dotnet", "tool", "restore")
    for name, project in (("function", FUNCTION_PROJECT), ("cli", CLI_PROJECT)):
        run("dotnet", "CycloneDX", project, "--recursive", "--output", str(out), "--filename", f"sbom-{name}.cdx.json",
            "--output-format", "Json", "--set-name", f"IdcKmsGuard.{name}", "--set-version", version(), "--no-serial-number")
    (out / "SHA256SUMS").write_text(checksums(out), encoding="utf-8")
    shutil.rmtree(work)
    print(f"release {version()} in {out}:")
    for path in sorted(out.iterdir()):
        print(f"  {path.stat().st_size:>12,}  {path.name}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ReleaseError, subprocess.CalledProcessError) as error:
        print(f"release failed: {error}", file=sys.stderr)
        sys.exit(1)
