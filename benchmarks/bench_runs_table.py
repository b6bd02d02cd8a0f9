"""Benchmark: `%mlops runs` over 1,000 runs with 40 autologged params each. What it costs to show (the query, then the
table drawn: static HTML and the widget) and how wide it is by default. Anchor: `mlflow.search_runs` on the same store,
shown as pandas draws it (`DataFrame.to_html`, what a notebook shows for it)."""
import time
from common import emit, scratch

RUNS, PARAMS = 1000, 40

def fill(root):
    "1,000 runs as autologging leaves them: 40 estimator params, 3 training metrics; the person's lr and loss, named as ours are."
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param, RunTag
    c = MlflowClient(f"sqlite:///{root / '.mlops' / 'mlflow.db'}")
    eid = c.create_experiment('table')
    t0 = int(time.time() * 1000)
    for i in range(RUNS):
        rid = c.create_run(eid, start_time=t0 + i * 1000, run_name=f'run-{i}').info.run_id
        c.log_batch(rid, metrics=[Metric(k, v, t0, 0) for k, v in (('loss', 1 / (i + 1)), ('training_score', 0.9), ('training_mse', 0.1), ('training_r2', 0.8))],
                    params=[Param('lr', str(i / 1000))] + [Param(f'estimator_param_{j:02d}', str(j)) for j in range(PARAMS)],
                    tags=[RunTag('mlops_nb.params', 'lr'), RunTag('mlops_nb.metrics', 'loss')])
        c.set_terminated(rid, 'FINISHED', t0 + i * 1000 + 10_525)

def main():
    root = scratch('runs-table')
    (root / '.mlops').mkdir()
    fill(root)
    import mlops_nb as mn
    from mlops_nb.display.html import runs_table_html, runs_columns
    from mlops_nb.display.widgets import runs_widget
    mn.runs('table', n=5)                                                 # MLflow imported and the store open, for both sides
    t = time.perf_counter(); df = mn.runs('table', n=RUNS); query = time.perf_counter() - t
    t = time.perf_counter(); html = runs_table_html(df); runs_widget(df); draw = time.perf_counter() - t
    shown = len(runs_columns(df)[0])
    import mlflow
    mlflow.set_tracking_uri(f"sqlite:///{root / '.mlops' / 'mlflow.db'}")
    t = time.perf_counter(); pdf = mlflow.search_runs(experiment_names=['table'], max_results=RUNS); a_query = time.perf_counter() - t
    t = time.perf_counter(); pdf.to_html(); a_draw = time.perf_counter() - t
    assert len(df) == len(pdf) == RUNS and len(html) > 0
    emit(name=f'`%mlops runs` over {RUNS:,} runs x {PARAMS} autologged params: drawn (query)',
         ours=f'{draw:.2f} s ({query:.2f} s), {shown} columns', anchor=f'search_runs + to_html: {a_draw:.2f} s ({a_query:.2f} s), {len(pdf.columns)} columns',
         ratio=f'{len(pdf.columns) / shown:.0f}x narrower', target='drawn < 0.5 s, <= 12 columns', ok=draw < 0.5 and shown <= 12)

if __name__ == '__main__': main()
