"""The Python-side writers write atomically (libbranch/_atomic.py): a failure leaves the previous
file byte for byte and no temporary; success leaves only the target, 0666 minus the umask."""
import os
import stat

import pytest

import libbranch as lb
from libbranch import _atomic


def test_success_replaces_and_leaves_only_the_target(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    _atomic.write_atomically(target, "新的\n")
    assert target.read_text(encoding="utf-8") == "新的\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_new_file_gets_the_umask_permissions(tmp_path):
    old = os.umask(0o027)
    try:
        _atomic.write_atomically(tmp_path / "new.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.csv").st_mode) == 0o640


@pytest.mark.parametrize("write", [
    lambda path: lb.Rubric.default().save(path),
    lambda path: lb.Engine().score(lb.load_sample(), year=2025).to_csv(path),
    lambda path: lb.Engine().score(lb.load_sample(), year=2025).to_json(path),
], ids=["rubric.save", "scorecard.to_csv", "scorecard.to_json"])
def test_a_failure_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch, write):
    target = tmp_path / "result"
    target.write_bytes(b"previous contents")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        write(target)
    assert target.read_bytes() == b"previous contents"
    assert os.listdir(tmp_path) == ["result"]
    monkeypatch.undo()
    write(target)  # and without the failure, the new contents arrive
    assert target.read_bytes() != b"previous contents"
    assert os.listdir(tmp_path) == ["result"]
