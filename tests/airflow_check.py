"""Run inside the Airflow environment: load an exported DAG with DagBag and run it with `dag.test()` on SQLite.
Usage: python airflow_check.py DAGS_FOLDER DAG_ID; prints one JSON line: import errors, schedule, timezone, task
settings and the DagRun's state."""
import json, os, sys, tempfile

dags, dag_id = sys.argv[1], sys.argv[2]
home = tempfile.mkdtemp(prefix='airflow_home_')
os.environ.update(AIRFLOW_HOME=home, AIRFLOW__CORE__LOAD_EXAMPLES='False', AIRFLOW__CORE__DAGS_FOLDER=dags,
                  AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f'sqlite:///{home}/airflow.db')
from airflow.utils import db
db.initdb()
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=dags)
out = dict(import_errors={k: str(v)[-500:] for k, v in bag.import_errors.items()})
dag = bag.dags.get(dag_id)
if dag is not None:
    task = dag.tasks[0]
    out.update(schedule=str(dag.schedule), timezone=str(dag.timezone), max_active_runs=dag.max_active_runs, catchup=dag.catchup,
               retries=task.retries, retry_delay=task.retry_delay.total_seconds(), timeout=task.execution_timeout.total_seconds(),
               kernel=task.kernel_name)
    task.retries = 0                               # dag.test() waits out retry delays for real
    from airflow.utils.state import DagRunState
    dr = dag.test()
    out['state'] = str(dr.state); out['ok'] = dr.state == DagRunState.SUCCESS
print(json.dumps(out))
