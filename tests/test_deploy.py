"""Production mode: `sakip check --deploy` reports nothing."""

import os
import subprocess
import sys


def test_check_deploy_bersih(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "uji-" + "x9Yq2#Lm" * 8,
        "ALLOWED_HOSTS": "sakip.example.go.id",
        "SAKIP_DATA_DIR": str(tmp_path),
    }
    # Set by the browser tests of this same pytest run (tests/browser/conftest.py), never in a
    # deployment: the production process starts without it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    hasil = subprocess.run(
        [sys.executable, "-m", "sakip", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, check=False,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "no issues" in hasil.stdout


def test_produksi_tanpa_secret_key_ditolak_dengan_pesan_jelas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "DEBUG": "0", "SAKIP_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    hasil = subprocess.run(
        [sys.executable, "-m", "sakip", "check"], env=env, capture_output=True, text=True,
        check=False,
    )
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr
