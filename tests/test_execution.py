"""One process, a local pool and a Dask cluster give the same output (issue 8)."""

from __future__ import annotations

import filecmp

import pytest

from extract.cli import main


def run(datadir, out, *extra):
    return main(["run", str(datadir), "--out", str(out), "--gold", str(datadir / "nogold"), "-q",
                 "--batch-size", "1", *extra])


def same_tree(left, right) -> list[str]:
    names = sorted(p.name for p in left.iterdir())
    assert names == sorted(p.name for p in right.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    return mismatch + errors


@pytest.fixture(scope="module")
def single(tmp_path_factory, request):
    datadir = request.path.parent / "test_execution"
    out = tmp_path_factory.mktemp("single") / "out"
    assert run(datadir, out) == 1  # broken.txt is empty: one failure, the rest written
    return datadir, out


def test_process_pool_matches_single_process(single, tmp_path):
    datadir, expected = single
    assert run(datadir, tmp_path / "out", "--workers", "2") == 1
    assert same_tree(expected, tmp_path / "out") == []


@pytest.mark.slow
def test_dask_cluster_matches_single_process(single, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    datadir, expected = single
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert run(datadir, tmp_path / "out", "--dask", cluster.scheduler_address) == 1
    assert same_tree(expected, tmp_path / "out") == []


def test_unreachable_scheduler_is_one_clear_error(single, tmp_path, capsys):
    datadir, _ = single
    assert run(datadir, tmp_path / "out", "--dask", "tcp://127.0.0.1:9") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0]
    assert not (tmp_path / "out").exists()
