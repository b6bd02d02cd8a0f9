"""Property-based: whatever line a user types after %%track or %mlops SUBCOMMAND, the result is
parsed arguments or IPython's one-line UsageError, never another exception (and never an exit)."""
from types import SimpleNamespace
from hypothesis import example, given, settings, strategies as st, HealthCheck
from IPython.core.error import UsageError
from mlops_nb.shells.magics import SUBCOMMANDS, parse, parse_track

TOKENS = ['-n', '-e', '-p', '-t', '--name', '--experiment', '--param', '--tag', '--no-autolog', '--resume', '--bogus', '-h',
          '--help', '--', '-', 'lr', 'x', 'missing', 'k=v', '=v', 'k=', '"quoted value"', "'single'", '"unclosed', "'", '"',
          '\\', 'ünïcode', 'a=b=c', '--filter', 'metrics.acc > 0.9', '-n 0', '--tracking-uri', 'http://127.0.0.1:9',
          '--autolog', 'on', 'maybe', '--display', 'fancy', '--all', '$x', '{x}', '\t', '\n']
lines = st.one_of(st.text(max_size=80), st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=8).map(' '.join))
magics = SimpleNamespace(shell=SimpleNamespace(user_ns={'lr': 0.1, 'x': 1}))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
@example('-t team')            # a value the API refuses after the line parsed
@example('-p missing')
@example('--data lr -t k=v =v')
def test_track_line_parses_or_is_a_usage_error(line):
    try: kw = parse_track(magics, line)
    except UsageError as e: assert str(e).strip(), line
    else:
        assert set(kw['params']) <= {'lr', 'x'} and all(isinstance(k, str) for k in kw['tags']), line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SUBCOMMANDS)), lines)
@example('promote', 'x -p n')
@example('jobs', 'run x -p oops')
def test_mlops_subcommand_lines_parse_or_are_usage_errors(sub, line):
    try: parse(SUBCOMMANDS[sub], line)
    except UsageError as e: assert str(e).strip(), (sub, line)
