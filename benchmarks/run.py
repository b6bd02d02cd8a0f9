"""`make bench`: run every benchmark in its own process and write the table to benchmarks/README.md."""
import datetime, json, os, platform, shutil, subprocess, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ['bench_load_ext.py', 'bench_log.py', 'bench_track_overhead.py', 'bench_latency.py', 'bench_drain.py', 'bench_rate.py', 'bench_explain.py', 'bench_jobs.py',
           'bench_runs_table.py', 'bench_first_cell.py', 'bench_lab.py', 'bench_registry.py',
           'bench_monitor.py', 'bench_prometheus.py']

def machine():
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor()) \
        if os.path.exists('/proc/cpuinfo') else platform.processor()
    from importlib.metadata import version
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}, MLflow {version('mlflow')}"

def main():
    rows = []
    for b in BENCHES:
        print(f'running {b} ...', flush=True)
        p = subprocess.run([sys.executable, str(HERE / b)], cwd=HERE, capture_output=True, text=True)
        if p.returncode: sys.exit(f'{b} failed:\n{p.stderr[-3000:]}')
        for line in p.stdout.splitlines():
            if line.startswith('{'): rows.append(json.loads(line)); print('  ', rows[-1]['name'], '->', rows[-1]['ours'], '|', rows[-1]['ratio'])
    shutil.rmtree(HERE / '.work', ignore_errors=True)
    table = ['| benchmark | mlops_nb | anchor (same run) | ratio | target | met |', '|---|---|---|---|---|---|']
    table += [f"| {r['name']} | {r['ours']} | {r['anchor']} | {r['ratio']}{' (' + r['total_ratio'] + ')' if r.get('total_ratio') else ''} | {r['target']} | {'yes' if r['ok'] else 'NO'} |" for r in rows]
    text = (HERE / 'README.md').read_text() if (HERE / 'README.md').exists() else ''
    head = text.split('<!-- results -->')[0] if '<!-- results -->' in text else '# Benchmarks\n\n'
    (HERE / 'README.md').write_text(head + '<!-- results -->\n' + f"Measured {datetime.date.today()} on {machine()} with `make bench`.\n\n" + '\n'.join(table) + '\n')
    print((HERE / 'README.md').read_text())

if __name__ == '__main__': main()
