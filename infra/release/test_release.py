"""What infra/release/release.py ships, checked without building anything:

    python3 -m unittest infra/release/test_release.py
"""
import hashlib
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import release  # noqa: E402

TEMPLATE = (release.ROOT / "template.yaml").read_text(encoding="utf-8")


class PackagedTemplateTest(unittest.TestCase):
    def test_the_code_points_at_the_zip_beside_it_and_the_architecture_is_the_zips(self):
        for architecture in release.ARCHITECTURES:
            with self.subTest(architecture=architecture):
                packaged = release.packaged_template(TEMPLATE, architecture, f"idckmsguard-function-{architecture}.zip")
                self.assertIn(f"      CodeUri: idckmsguard-function-{architecture}.zip\n", packaged)
                self.assertIn(f"    Default: {architecture}\n    AllowedValues: [{architecture}]\n", packaged)
                self.assertNotIn("BuildMethod", packaged)

    def test_nothing_else_changes(self):
        packaged = release.packaged_template(TEMPLATE, "arm64", "f.zip").splitlines()
        original = TEMPLATE.splitlines()
        removed = [line for line in original if line not in packaged]
        added = [line for line in packaged if line not in original]
        self.assertEqual(sorted(removed), sorted(["    Metadata:", "      BuildMethod: makefile", "      CodeUri: .", "    Default: x86_64",
                                                 "    AllowedValues: [x86_64, arm64]"]))
        self.assertEqual(sorted(added), sorted(["      CodeUri: f.zip", "    Default: arm64", "    AllowedValues: [arm64]"]))

    def test_cfn_lint_accepts_the_packaged_template(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "template-x86_64.yaml"
            path.write_text(release.packaged_template(TEMPLATE, "x86_64", "idckmsguard-function-x86_64.zip"), encoding="utf-8")
            linted = subprocess.run(["cfn-lint", str(path)], capture_output=True, text=True)
            self.assertEqual((linted.returncode, linted.stdout), (0, ""))

    def test_a_template_of_another_shape_stops_the_release(self):
        with self.assertRaises(release.ReleaseError) as raised:
            release.packaged_template(TEMPLATE.replace("      CodeUri: .\n", "      CodeUri: src/\n"), "x86_64", "f.zip")
        self.assertIn("CodeUri", str(raised.exception))


class FunctionZipTest(unittest.TestCase):
    def test_the_zip_holds_the_executable_bootstrap_alone_and_the_same_binary_gives_the_same_bytes(self):
        with tempfile.TemporaryDirectory() as folder:
            bootstrap = Path(folder) / "bootstrap"
            bootstrap.write_bytes(b"\x7fELF" + bytes(range(256)) * 64)
            first, second = Path(folder) / "a.zip", Path(folder) / "b.zip"
            release.function_zip(bootstrap, first)
            release.function_zip(bootstrap, second)
            self.assertEqual(first.read_bytes(), second.read_bytes())
            with zipfile.ZipFile(first) as archive:
                [entry] = archive.infolist()
                self.assertEqual((entry.filename, entry.external_attr >> 16 & 0o777), ("bootstrap", 0o755))
                self.assertEqual(archive.read("bootstrap"), bootstrap.read_bytes())


class ChecksumsTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("sha256sum"), "sha256sum is not installed")
    def test_sha256sum_verifies_every_file_and_catches_a_changed_one(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "a.zip").write_bytes(b"one")
            (root / "template-x86_64.yaml").write_text("two", encoding="utf-8")
            (root / "SHA256SUMS").write_text(release.checksums(root), encoding="utf-8")
            self.assertIn(f"{hashlib.sha256(b'one').hexdigest()}  a.zip", (root / "SHA256SUMS").read_text(encoding="utf-8"))
            self.assertEqual(subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True).returncode, 0)
            (root / "a.zip").write_bytes(b"tampered")
            self.assertNotEqual(subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True).returncode, 0)


if __name__ == "__main__":
    unittest.main()
