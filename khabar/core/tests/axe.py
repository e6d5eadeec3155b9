"""axe-core in a Playwright page, for the browser tests of any interface."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async (rules) => {
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const result = await axe.run(document, options);
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '),
                                                      summary: n.failureSummary}))}));
}"""


def axe_problems(page: Any, rules: list[str] | None = None) -> list[str]:
    """The serious and critical violations on the page, one readable line each (and its
    first nodes). The page's context needs `bypass_csp`: axe is an injected script."""
    page.add_script_tag(path=str(AXE))
    lines = []
    for violation in page.evaluate(AXE_RUN, rules):
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
    return lines
