"""`claimstrack measures`, `measures accept` and `measures reject`: the reviewer confirms once (issue 9)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import attrs
import pytest
from project_files import write_project

from claimstrack.engine import check, load_project_config
from claimstrack.measures import accept_measure, inferred_measures, reject_measure

PAGES = {
    "claimstrack.toml": "today = 2026-11-21\n",
    "content/a.md": "# Migraine\n\nApproximately 42 million Americans have migraine.\n",
    "content/b.md": "# Headaches\n\nAlmost 49 million people in the United States have migraine.\n",
    "content/c.md": "About 39 million Americans have migraine.\n\nAbout 12% of adults in the UK smoke.\n",
}
CLAIMS = """\
schema = 1

# Reviewed with the medical team.
[[claim]]
id = "uk-smoking"   # keep this id
text = "About 12% of adults in the UK smoke."
status = "draft"
"""


def codes(root) -> list[str]:
    return [f.code for f in check(root=root).findings]


def only_group(root) -> str:
    [group] = inferred_measures(root=root)
    return group.id


def test_measures_lists_groups_as_a_table_and_as_json(tmp_path, cli):
    write_project(tmp_path, PAGES)
    code, out, err = cli(["measures"], tmp_path)
    assert code == 0, err
    assert "count of people, us: migraine" in out and "3 figures on 3 pages, spread 39M-49M" in out
    assert "content/b.md:3:1" in out and "1 inferred group" in out
    code, out, _ = cli(["measures", "--format", "json"], tmp_path)
    [group] = json.loads(out)
    assert group["pages"] == ["content/a.md", "content/b.md", "content/c.md"]
    assert group["spread"] == {"low": 39e6, "high": 49e6}
    assert group["reported"] is True and 0.7 <= group["confidence"] <= 1
    assert [f["text"] for f in group["figures"]][0] == "Approximately 42 million Americans"


def test_the_confidence_threshold_is_the_configs(tmp_path):
    # a caller trying another threshold (benchmarks/consistency_thresholds.py) passes it in the
    # Config: CT210 compares, and `measures` marks reported, only the groups at or above it
    write_project(tmp_path, PAGES)
    config = load_project_config(root=tmp_path)
    [group] = inferred_measures(config=config)
    assert group.reported and "CT210" in [f.code for f in check(config=config).findings]
    above = attrs.evolve(config, inferred_min_confidence=group.confidence + 0.01)
    assert not inferred_measures(config=above)[0].reported
    assert "CT210" not in [f.code for f in check(config=above).findings]


def test_group_ids_are_stable_across_runs_and_page_order(tmp_path):
    write_project(tmp_path, PAGES)
    first = only_group(tmp_path)
    (tmp_path / "content" / "d.md").write_text("Other words entirely.\n")
    (tmp_path / "content" / "a.md").rename(tmp_path / "content" / "z.md")
    assert only_group(tmp_path) == first


def test_accept_declares_the_measure_and_the_figures_become_declared_uses(tmp_path, cli):
    write_project(tmp_path, {**PAGES, "claims/claims.toml": CLAIMS})
    assert codes(tmp_path).count("CT210") == 2
    group = only_group(tmp_path)
    code, _, err = cli(["measures", "accept", group, "--as", "us-migraine-prevalence"], tmp_path)
    assert code == 0, err
    assert "declared measure us-migraine-prevalence with 3 draft claims in claims/claims.toml" in err
    text = (tmp_path / "claims" / "claims.toml").read_text()
    assert text.startswith(CLAIMS)  # the reviewer's comments and claim are kept byte for byte
    data = tomllib.loads(text)
    assert data["measure"]["us-migraine-prevalence"]["kind"] == "count"
    added = [c for c in data["claim"] if c.get("measure") == "us-migraine-prevalence"]
    assert [c["status"] for c in added] == ["draft"] * 3
    assert "Almost 49 million people in the United States have migraine." in [c["text"] for c in added]
    found = codes(tmp_path)
    assert "CT210" not in found and "CT201" in found  # checked as a declared measure now
    assert inferred_measures(root=tmp_path) == []


def test_accept_refuses_an_unknown_group_or_a_declared_key(tmp_path, cli):
    write_project(tmp_path, PAGES)
    code, _, err = cli(["measures", "accept", "g00000000", "--as", "x"], tmp_path)
    assert code == 2 and "no inferred group 'g00000000'" in err
    code, _, err = cli(["measures", "accept", only_group(tmp_path), "--as", "Bad Key"], tmp_path)
    assert code == 2 and "must match" in err
    accept_measure(only_group(tmp_path), "us-migraine", root=tmp_path)
    write_project(tmp_path, {"content/e.md": "Asthma affects 5.4 million people in the UK, the charity says.\n",
                             "content/f.md": "In the UK, asthma affects 8 million people.\n"})
    uk = [g.id for g in inferred_measures(root=tmp_path)][0]
    code, _, err = cli(["measures", "accept", uk, "--as", "us-migraine"], tmp_path)
    assert code == 2 and "already declared" in err


def test_reject_is_remembered_and_the_group_is_not_proposed_again(tmp_path, cli):
    write_project(tmp_path, PAGES)
    group = only_group(tmp_path)
    code, _, err = cli(["measures", "reject", group, "--reason", "adults vs everyone", "--by", "A. Reviewer"],
                       tmp_path)
    assert code == 0, err
    data = tomllib.loads((tmp_path / "rejected-groups.toml").read_text())
    assert data["rejected"][0]["group"] == group and data["rejected"][0]["by"] == "A. Reviewer"
    assert inferred_measures(root=tmp_path) == [] and "CT210" not in codes(tmp_path)
    code, _, err = cli(["measures", "reject", group], tmp_path)
    assert code == 2 and "no inferred group" in err


def test_reject_keeps_the_files_comments(tmp_path):
    write_project(tmp_path, {**PAGES, "rejected-groups.toml": "# groups we checked by hand\n"})
    reject_measure(only_group(tmp_path), root=tmp_path, by="me")
    text = (tmp_path / "rejected-groups.toml").read_text()
    assert text.startswith("# groups we checked by hand\n") and "[[rejected]]" in text


def test_a_malformed_rejections_file_is_a_clear_error(tmp_path, cli):
    write_project(tmp_path, {**PAGES, "rejected-groups.toml": "[[rejected]]\ngroup = 12\n"})
    code, _, err = cli(["check"], tmp_path)
    assert code == 2
    assert "rejected-groups.toml:2:9: error: rejected entry 1 needs group" in err  # at the value
    assert "Traceback" not in err
    # an entry with no group at all is named at its [[rejected]] header
    (tmp_path / "rejected-groups.toml").write_text('[[rejected]]\ngroup = "g3fa2b1c9"\n\n[[rejected]]\nby = "me"\n')
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "rejected-groups.toml:4:1: error: rejected entry 2 needs group" in err, err
    (tmp_path / "rejected-groups.toml").write_text('# note\nrejected = "g3fa2b1c9"\n')
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "rejected-groups.toml:2:1: error: 'rejected' must be [[rejected]] tables" in err, err


def test_an_unknown_key_in_the_rejections_file_is_named_where_it_is(tmp_path, cli):
    # a mistyped key would leave the group it names proposed and reported again, without a word
    write_project(tmp_path, {**PAGES, "rejected-groups.toml": '[[rejected]]\ngroup = "g3fa2b1c9"\nresaon = "x"\n'})
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "Traceback" not in err
    assert "rejected-groups.toml:3:1: error: unknown key 'resaon' in rejected entry 1 (did you mean 'reason'?)" in err
    (tmp_path / "rejected-groups.toml").write_text('rejcted = []\n')
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "rejected-groups.toml:1:1: error: unknown key 'rejcted' in the top level" in err, err


def test_rejecting_into_a_file_that_is_not_toml_names_its_position(tmp_path):
    from claimstrack.errors import ConfigError
    from claimstrack.rejections import add_rejection

    (tmp_path / "rejected-groups.toml").write_text("[[rejected]\ngroup = \n")
    with pytest.raises(ConfigError) as raised:
        add_rejection(tmp_path, "g3fa2b1c9", description="x", by="me", on=dt.date(2026, 12, 1))
    assert (raised.value.problems[0].location.line, raised.value.problems[0].location.column) == (1, 11)
    assert (tmp_path / "rejected-groups.toml").read_text() == "[[rejected]\ngroup = \n"


def test_config_given_before_the_action_is_kept(tmp_path, cli):
    # `measures --config FILE reject ...`: the action's own --config must not reset it to None
    site = tmp_path / "site"
    write_project(site, PAGES)
    group = only_group(site)
    code, _, err = cli(["measures", "--config", "site/claimstrack.toml", "reject", group, "--by", "me"], tmp_path)
    assert code == 0, err
    assert (site / "rejected-groups.toml").is_file()
    code, out, err = cli(["measures", "--config", "site/claimstrack.toml", "--format", "json"], tmp_path)
    assert code == 0, err
    assert json.loads(out) == []


@pytest.mark.parametrize("kind", ["folder", "broken symlink"])
def test_a_rejections_file_that_is_no_file_is_an_error_not_ignored(tmp_path, cli, kind):
    # Left out silently, every group the reviewers rejected would be proposed and reported again.
    write_project(tmp_path, PAGES)
    if kind == "folder":
        (tmp_path / "rejected-groups.toml").mkdir()
    else:
        (tmp_path / "rejected-groups.toml").symlink_to(tmp_path / "gone.toml")
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "rejected-groups.toml:1:1: error: rejected-groups.toml is a" in err, err
    assert "Traceback" not in err
