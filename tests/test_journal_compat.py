"""A journal written by mlops_nb 0.1.0 (tests/fixtures/journal-0.1.0, made with that version and SIGKILLed) is still
recovered: every record it holds reaches a real MLflow store, and the run is closed as KILLED at its last record."""
import json, shutil
from pathlib import Path
from conftest import mlflow_client

FIXTURE = Path(__file__).parent / 'fixtures' / 'journal-0.1.0' / '173602340a284fffbf19f72814aa60f7-ad55b5'


def test_a_journal_of_0_1_0_is_delivered_and_closed(project):
    import mlops_nb as mn
    from mlops_nb.tracking.backend import get_backend
    eid = get_backend('mlflow', mn.load_settings(project)).experiment_id('fixture')   # the store, as the dead process had it
    client = mlflow_client(project)
    run_id = client.create_run(eid, run_name='old-journal').info.run_id
    journal = project / '.mlops' / 'journal' / FIXTURE.name
    shutil.copytree(FIXTURE, journal)
    meta = json.loads((journal / 'meta.json').read_text())
    (journal / 'meta.json').write_text(json.dumps({**meta, 'ids': {'mlflow': run_id}}))   # the run the dead process had created
    [report] = mn.sync()
    assert (report['orphan'], report['sent'], report['pending'], report['rejected'], report['errors']) == (True, 19, 0, [], [])
    r = client.get_run(run_id)
    assert (r.info.status, r.info.end_time) == ('KILLED', 1796162767271)           # at the time of its last record
    assert r.data.params == {'lr': '0.1', 'layers': '[64, 32]'} and r.data.tags['stage'] == 'dev'
    assert sorted((m.step, m.value) for m in client.get_metric_history(run_id, 'loss')) == [(i, 1 / (i + 1)) for i in range(5)]
    assert [(m.step, m.value) for m in client.get_metric_history(run_id, 'val/loss')] == [(7, 0.5)]
    assert sorted(a.path for a in client.list_artifacts(run_id)) == ['cell.py', 'environment.json', 'reports']
    got = client.download_artifacts(run_id, 'reports/report.txt', str(project / 'dl'))
    assert Path(got).read_text() == 'the report\n'
    [inp] = r.inputs.dataset_inputs
    assert (inp.dataset.name, inp.dataset.digest) == ('train', 'dabacf9e0d113bee')
    assert not journal.exists() and mn.sync() == []                                # delivered once: nothing is left to deliver


def test_a_damaged_journal_delivers_every_intact_record_and_keeps_the_damage(project):
    "Garbage and invalid UTF-8 in the middle of the same journal: the 17 intact records reach MLflow, the run is ended, the damage is kept and shown."
    import subprocess
    import mlops_nb as mn
    from conftest import BIN
    from mlops_nb.tracking.backend import get_backend
    eid = get_backend('mlflow', mn.load_settings(project)).experiment_id('fixture')
    client = mlflow_client(project)
    run_id = client.create_run(eid, run_name='old-journal').info.run_id
    journal = project / '.mlops' / 'journal' / FIXTURE.name
    shutil.copytree(FIXTURE, journal)
    meta = json.loads((journal / 'meta.json').read_text())
    (journal / 'meta.json').write_text(json.dumps({**meta, 'ids': {'mlflow': run_id}}))
    lines = (journal / 'records.jsonl').read_bytes().splitlines(keepends=True)
    lines[9] = b'\x00\xff not a record\n'                             # line 10 (the loss at step 1) and line 12 damaged
    lines[11] = b'[12, "m", "loss", 0.33\n'
    (journal / 'records.jsonl').write_bytes(b''.join(lines))
    [report] = mn.sync()
    assert (report['sent'], report['pending'], report['errors']) == (17, 0, [])       # 16 intact records and the end
    assert 'damaged line(s) skipped (lines 10, 12)' in report['damaged'][0]
    r = client.get_run(run_id)
    assert r.info.status == 'KILLED' and r.data.params == {'lr': '0.1', 'layers': '[64, 32]'}
    assert sorted(m.step for m in client.get_metric_history(run_id, 'loss')) == [0, 3, 4]
    kept = project / '.mlops' / 'journal-damaged' / f'{FIXTURE.name}.lines'
    assert kept.read_bytes() == b'line 10: \x00\xff not a record\nline 12: [12, "m", "loss", 0.33\n'
    status = subprocess.run([str(BIN / 'mlops-nb'), 'status'], cwd=project, capture_output=True, text=True, timeout=120).stdout
    assert status.count('\n') == 1 and 'DAMAGED' in status and str(kept) in status, status
