"""The search: iterated local search over swaps, with O(1) swap scoring.

People who must be together form a *unit*; every other person is a unit of
one. The search works on units throughout:

- ``W`` is the unit-by-unit effective distance: summed Gower distance minus
  the repeat penalty of pairs that were together in earlier periods.
- ``GT[k, u]`` is the summed ``W`` from unit ``u`` to the members of group
  ``k``, so swapping unit ``u`` (group a) and ``v`` (group b) changes the
  objective by ``GT[b,u] - W[u,v] + GT[a,v] - W[u,v] - own[u] - own[v]``
  where ``own[x] = GT[g[x], x] - W[x, x]`` (what ``x`` now contributes).
  For one unit the deltas against every other unit are a handful of vector
  operations; applying a swap updates two rows of ``GT``.
- Hard rules hold by construction: the start is feasible and only swaps (or
  moves, when sizes allow) that keep every rule are ever applied.
- Local search is exact: a swap between groups a and b changes only the
  deltas of swaps that involve a or b, so only units of "dirty" groups need
  re-evaluation. A whole group is scored at once, as an (m x U) block.
- Iterated local search: a kick (one random feasible swap between two random
  groups, the two units then frozen for one descent), local search, keep the
  result when it is not worse and undo it otherwise, until the work budget is
  used.

The budget is counted in modelled work, not clock time, so a seed gives the
same answer on every run; a clock cap only stops a much slower machine from
overrunning.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .problem import Problem, ProblemError

F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]

_EPS = 1e-6
_NEG = -np.inf

# Modelled cost of the search on the reference machine (2-core AMD EPYC, idle),
# measured with ``python -m bench.composition.calibrate`` for N=60 to 2,000 and
# checked against whole runs (modelled / real work 0.93-1.15 at N=600, with
# and without rules); see docs/composition.md. A group evaluation costs a fixed
# part plus a part per (member x unit) cell, an applied swap a fixed part
# (Python overhead included).
EVAL_FIXED_S = 18e-6
EVAL_PER_CELL_S = 2.8e-9
SWAP_S = 18e-6
# What rules add to a group evaluation, (fixed, per cell): unequal group sizes
# (moves are scored too; from whole runs), must-link units of different sizes
# (size masks and moves), cannot-links, and each minimum rule. Measured by the
# calibration (best of five), then raised by a third so whole runs with all
# rules model their real time (ratio 0.9-1.1).
MOVES_EVAL_S = (20e-6, 0.0)
MULTI_EVAL_S = (40e-6, 2.5e-9)  # moves included
CANNOT_EVAL_S = (28e-6, 3.1e-9)
MIN_RULE_EVAL_S = (9e-6, 2.0e-9)
MATRIX_PER_CELL_S = 3e-9
SAFETY = 0.95
CLOCK_CAP = 1.2
CLOCK_CAP_EXTRA_S = 0.05
# After a kick, swaps gaining less than this are skipped: chasing chains of
# tiny gains cost more kicks than they were worth on the dev instances (0.78 %
# vs 0.92 % mean gap). The final descent polishes with the full precision.
KICK_GAIN = 0.003


@dataclass
class SearchStats:
    evaluations: int = 0
    cells: int = 0
    swaps: int = 0
    perturbations: int = 0
    improvements: int = 0
    stopped_by: str = "work_budget"


class Search:
    """State of the swap search over units; see the module docstring."""

    def __init__(self, problem: Problem, w_person: F32, seed: int) -> None:
        self.problem = problem
        self.rng = np.random.default_rng(seed)
        n = problem.n
        self.k = problem.n_groups
        self.low, self.high = problem.group_size_bounds()
        self.n_big_allowed = n - self.low * self.k if self.high > self.low else 0

        # Units: must-link groups first, then everybody else alone.
        unit_of = np.full(n, -1, dtype=np.int64)
        units: list[list[int]] = []
        for linked in problem.must_link:
            for person in linked:
                unit_of[person] = len(units)
            units.append(list(linked))
        for person in range(n):
            if unit_of[person] < 0:
                unit_of[person] = len(units)
                units.append([person])
        self.units = units
        self.unit_of = unit_of
        u_count = len(units)
        self.u = u_count
        self.size = np.array([len(m) for m in units], dtype=np.int64)
        self.multi = bool((self.size > 1).any())

        if not self.multi:
            self.w: F32 = w_person  # unit i is person i: no copy needed
        else:
            order = np.concatenate([np.asarray(m, dtype=np.int64) for m in units])
            starts = np.concatenate([[0], np.cumsum(self.size)[:-1]])
            rows = np.add.reduceat(w_person[order], starts, axis=0)
            self.w = np.add.reduceat(rows[:, order], starts, axis=1).astype(np.float32)
        self.diag: F64 = np.diagonal(self.w).astype(np.float64).copy()

        # Fixed placements, per unit.
        self.fixed_group = np.full(u_count, -1, dtype=np.int64)
        for person, group in problem.fixed.items():
            self.fixed_group[unit_of[person]] = group
        self.fixed_idx = np.flatnonzero(self.fixed_group >= 0)
        # Units that may not move right now: fixed ones, plus those a
        # perturbation just moved (so the descent cannot simply undo it).
        self.frozen = self.fixed_group >= 0
        self.frozen_idx = self.fixed_idx
        self.movable_idx = np.flatnonzero(self.fixed_group < 0)

        # Cannot-link, between units (deduplicated).
        partners: list[set[int]] = [set() for _ in range(u_count)]
        for i, j in problem.cannot_link:
            a, b = int(unit_of[i]), int(unit_of[j])
            partners[a].add(b)
            partners[b].add(a)
        self.partners = [np.array(sorted(p), dtype=np.int64) for p in partners]
        self.linked = np.array([len(p) > 0 for p in partners], dtype=bool)
        self.has_cannot = bool(problem.cannot_link)

        # Minimum per group: members per unit that count, per rule.
        self.min_rules: list[tuple[I64, int]] = []
        for rule, holders in zip(
            problem.min_per_group, problem.min_members, strict=True
        ):
            counts = np.zeros(u_count, dtype=np.int64)
            np.add.at(counts, unit_of[np.asarray(holders, dtype=np.int64)], 1)
            if rule.minimum > 0:
                self.min_rules.append((counts, rule.minimum))

        self.moves_possible = self.multi or self.high > self.low
        costs = [(EVAL_FIXED_S, EVAL_PER_CELL_S)]
        if self.moves_possible:
            costs.append(MULTI_EVAL_S if self.multi else MOVES_EVAL_S)
        costs += [CANNOT_EVAL_S] * self.has_cannot
        costs += [MIN_RULE_EVAL_S] * len(self.min_rules)
        self.eval_fixed_s = sum(fixed for fixed, _ in costs)
        self.eval_per_cell_s = sum(per_cell for _, per_cell in costs)
        self.stats = SearchStats()
        self.work_s = 0.0
        self.g = np.full(u_count, -1, dtype=np.int64)

    # ----------------------------------------------------------------- start
    def construct(self) -> None:
        """Find a random feasible start, or raise ProblemError."""
        for _attempt in range(60):
            g = self._try_construct()
            if g is not None:
                self._load(g)
                return
        raise ProblemError(
            "infeasible",
            "Could not find groups that satisfy all rules together (must-link, "
            "cannot-link, minimums and fixed placements); loosen one of them.",
        )

    def _try_construct(self) -> I64 | None:
        k, rng = self.k, self.rng
        g = np.full(self.u, -1, dtype=np.int64)
        gsize = np.zeros(k, dtype=np.int64)
        counts = [np.zeros(k, dtype=np.int64) for _ in self.min_rules]
        taken: list[set[int]] = [set() for _ in range(k)]
        big = 0

        def fits(unit: int, group: int) -> bool:
            new = gsize[group] + self.size[unit]
            if new > self.high:
                return False
            if (
                new > self.low
                and gsize[group] <= self.low
                and big >= self.n_big_allowed
            ):
                return False
            return not any(int(p) in taken[group] for p in self.partners[unit])

        def place(unit: int, group: int) -> None:
            nonlocal big
            if gsize[group] <= self.low < gsize[group] + self.size[unit]:
                big += 1
            g[unit] = group
            gsize[group] += self.size[unit]
            taken[group].add(unit)
            for (unit_counts, _), group_counts in zip(
                self.min_rules, counts, strict=True
            ):
                group_counts[group] += unit_counts[unit]

        for fixed_unit in self.fixed_idx.tolist():
            place(fixed_unit, int(self.fixed_group[fixed_unit]))

        # Minimums first, scarcest rule first, so holders are not used up elsewhere.
        order_rules = sorted(
            range(len(self.min_rules)),
            key=lambda r: (
                int(self.min_rules[r][0].sum()) / (self.min_rules[r][1] * k),
                r,
            ),
        )
        for r in order_rules:
            unit_counts, minimum = self.min_rules[r]
            holders = [int(x) for x in rng.permutation(np.flatnonzero(unit_counts))]
            for group in (int(x) for x in rng.permutation(k)):
                while counts[r][group] < minimum:
                    choice = next(
                        (x for x in holders if g[x] < 0 and fits(x, group)), None
                    )
                    if choice is None:
                        return None
                    place(choice, int(group))

        rest = [int(x) for x in rng.permutation(np.flatnonzero(g < 0))]
        # Big units and units with many cannot-links are hardest to place.
        rest.sort(key=lambda x: (-int(self.size[x]), -len(self.partners[x])))
        for unit in rest:
            new = gsize + self.size[unit]
            ok = new <= self.high
            if big >= self.n_big_allowed:
                ok &= (new <= self.low) | (gsize > self.low)
            placed_partners = g[self.partners[unit]]
            ok[placed_partners[placed_partners >= 0]] = False
            if not ok.any():
                return None
            # The emptiest group, ties broken at random, keeps the start balanced.
            room = np.where(ok, self.high - gsize, -1)
            best = np.flatnonzero(room == room.max())
            place(unit, int(best[int(rng.integers(best.size))]))
        if (gsize < self.low).any() or (gsize > self.high).any():
            return None
        return g

    def _load(self, g: I64) -> None:
        """Set the assignment and build the per-group sums from scratch."""
        self.g = g.copy()
        k = self.k
        self.members: list[list[int]] = [[] for _ in range(k)]
        for unit in range(self.u):
            self.members[int(g[unit])].append(unit)
        self.gsize = np.zeros(k, dtype=np.int64)
        np.add.at(self.gsize, g, self.size)
        self.gt = np.zeros((k, self.u), dtype=np.float64)
        for group in range(k):
            if self.members[group]:
                # W is symmetric: summing member rows reads contiguous memory.
                self.gt[group] = self.w[self.members[group]].sum(
                    axis=0, dtype=np.float64
                )
        self.own = self.gt[g, np.arange(self.u)] - self.diag
        # Cannot-link counts per (group, unit); only allocated when needed.
        shape = (k, self.u) if self.has_cannot else (0, 0)
        self.clt = np.zeros(shape, dtype=np.int64)
        if self.has_cannot:
            for unit in range(self.u):
                for p in self.partners[unit]:
                    self.clt[g[unit], p] += 1
        self.min_counts = []
        for unit_counts, _ in self.min_rules:
            group_counts = np.zeros(k, dtype=np.int64)
            np.add.at(group_counts, g, unit_counts)
            self.min_counts.append(group_counts)
        self.value = self.objective_from_scratch()

    def objective_from_scratch(self) -> float:
        """Sum of W over pairs within groups (penalties included)."""
        # Each pair between units is summed twice (once from each side), and
        # a unit's diagonal holds its internal pairs twice as well.
        total = 0.0
        for group in range(self.k):
            total += float(self.gt[group, self.members[group]].sum())
        return total / 2

    # ------------------------------------------------------------ evaluation
    def swap_block(self, a: int, idx: I64) -> tuple[F64, F64]:
        """Deltas of swapping units ``idx`` (all in group a) with every unit.

        Returns the (m x U) deltas, -inf where a swap is infeasible, and the
        members' (m x K) sums towards every group.
        """
        self.stats.evaluations += 1
        self.stats.cells += idx.size * self.u
        self.work_s += self.eval_fixed_s + self.eval_per_cell_s * idx.size * self.u
        g = self.g
        rows = self.gt[:, idx].T.copy()  # m x K: each member's sum per group
        # G[i, g_v] - own[i], subtracting on the small (m x K) side first.
        d = np.take(rows - self.own[idx][:, None], g, axis=1)
        d += self.gt[a] - self.own  # + G[v, a] - own[v]
        d -= self.w[idx] * np.float32(2.0)
        d[:, self.members[a]] = _NEG
        if self.frozen_idx.size:
            d[:, self.frozen_idx] = _NEG
        if self.multi or self.has_cannot or self.min_rules:
            np.putmask(d, self.infeasible(a, idx), _NEG)
        return d, rows

    def infeasible(self, a: int, idx: I64) -> npt.NDArray[np.bool_]:
        """Which swaps of units ``idx`` (in group a) with every unit break a rule
        (m x U); one mask, so each rule costs a few vector operations."""
        g = self.g
        bad = np.zeros((idx.size, self.u), dtype=bool)
        if self.has_cannot:
            # After the swap: i's partners in v's group, v's partners in group a.
            bad |= self.clt[:, idx][g].T > 0
            bad |= self.clt[a] > 0
            for row in np.flatnonzero(self.linked[idx]).tolist():
                unit, partners = int(idx[row]), self.partners[int(idx[row])]
                # A partner that is swapped away is no longer a conflict.
                bad[row, partners] = (self.clt[g[partners], unit] > 1) | (
                    self.clt[a, partners] > 1
                )
        if self.multi:
            size_i = self.size[idx][:, None]
            new_a = self.gsize[a] - size_i + self.size
            new_b = self.gsize[g] + size_i - self.size
            bad |= (new_a < self.low) | (new_a > self.high)
            bad |= (new_b < self.low) | (new_b > self.high)
        for (unit_counts, minimum), group_counts in zip(
            self.min_rules, self.min_counts, strict=True
        ):
            cu = unit_counts[idx][:, None]
            bad |= unit_counts < minimum - group_counts[a] + cu
            bad |= (group_counts[g] - unit_counts) + cu < minimum
        return bad

    def evaluate_group(self, a: int) -> tuple[float, int, int, int]:
        """Best feasible swap or move for any unit of group a.

        Returns (delta, unit, partner or -1 for a move, target group); the
        delta is -inf when nothing is feasible. All members are scored against
        all units at once: an (m x U) block of the swap formula.
        """
        idx = np.asarray(
            [x for x in self.members[a] if not self.frozen[x]], dtype=np.int64
        )
        if idx.size == 0:
            return _NEG, -1, -1, -1
        d, rows = self.swap_block(a, idx)
        g = self.g
        flat = int(np.argmax(d))
        row, partner = divmod(flat, self.u)
        unit, target = int(idx[row]), int(g[partner])
        best = float(d[row, partner])
        size_i = self.size[idx][:, None]
        if self.moves_possible:
            md = rows - self.own[idx][:, None]  # m x K
            md[:, a] = _NEG
            md[self.gsize[a] - self.size[idx] < self.low, :] = _NEG
            md[self.gsize[None, :] + size_i > self.high] = _NEG
            if self.has_cannot:
                md[self.clt[:, idx].T > 0] = _NEG
            for (unit_counts, minimum), group_counts in zip(
                self.min_rules, self.min_counts, strict=True
            ):
                md[group_counts[a] - unit_counts[idx] < minimum, :] = _NEG
            move_flat = int(np.argmax(md))
            move_row, move_target = divmod(move_flat, self.k)
            if float(md[move_row, move_target]) > best:
                best = float(md[move_row, move_target])
                unit, partner, target = int(idx[move_row]), -1, move_target
        return best, unit, partner, target

    def swap_feasible(self, u: int, v: int) -> bool:
        """Whether swapping units u and v keeps every rule (scalar check)."""
        a, b = int(self.g[u]), int(self.g[v])
        if a == b or self.frozen[u] or self.frozen[v]:
            return False
        su, sv = int(self.size[u]), int(self.size[v])
        if su != sv:
            for new in (self.gsize[a] - su + sv, self.gsize[b] + su - sv):
                if not self.low <= new <= self.high:
                    return False
        if self.has_cannot:
            linked = v in set(self.partners[u].tolist())
            if self.clt[b, u] - linked > 0 or self.clt[a, v] - linked > 0:
                return False
        for (unit_counts, minimum), group_counts in zip(
            self.min_rules, self.min_counts, strict=True
        ):
            if group_counts[a] - unit_counts[u] + unit_counts[v] < minimum:
                return False
            if group_counts[b] - unit_counts[v] + unit_counts[u] < minimum:
                return False
        return True

    def swap_delta(self, u: int, v: int) -> float:
        """O(1) objective change of swapping units u and v (no feasibility check)."""
        a, b = int(self.g[u]), int(self.g[v])
        wuv = float(self.w[u, v])
        return float(
            self.gt[b, u] - wuv + self.gt[a, v] - wuv - self.own[u] - self.own[v]
        )

    # ------------------------------------------------------------- applying
    def _relocate(self, unit: int, src: int, dst: int) -> None:
        self.gt[src] -= self.w[unit]
        self.gt[dst] += self.w[unit]
        self.members[src].remove(unit)
        self.members[dst].append(unit)
        self.g[unit] = dst
        self.gsize[src] -= self.size[unit]
        self.gsize[dst] += self.size[unit]
        if self.has_cannot:
            for p in self.partners[unit]:
                self.clt[src, p] -= 1
                self.clt[dst, p] += 1
        for (unit_counts, _), group_counts in zip(
            self.min_rules, self.min_counts, strict=True
        ):
            group_counts[src] -= unit_counts[unit]
            group_counts[dst] += unit_counts[unit]

    def _refresh_own(self, *groups: int) -> None:
        idx = np.asarray(
            [x for grp in groups for x in self.members[grp]], dtype=np.int64
        )
        if idx.size:
            self.own[idx] = self.gt[self.g[idx], idx] - self.diag[idx]

    def apply(self, u: int, partner: int, target: int, delta: float) -> None:
        """Swap u with partner (or move u to target when partner is -1)."""
        a = int(self.g[u])
        self._relocate(u, a, target)
        if partner >= 0:
            self._relocate(partner, target, a)
        self._refresh_own(a, target)
        self.value += delta
        self.stats.swaps += 1
        self.work_s += SWAP_S

    # --------------------------------------------------------------- search
    def descend(
        self,
        dirty_groups: list[int],
        log: list[tuple[int, int, int]],
        min_gain: float = _EPS,
    ) -> None:
        """Local search until no improving swap or move is left.

        Each dirty group applies its best feasible swap while one improves;
        the other group of that swap becomes dirty. Applied moves are appended
        to ``log`` as (unit, from group, partner).
        """
        queue = deque(dirty_groups)
        queued = np.zeros(self.k, dtype=bool)
        queued[dirty_groups] = True
        while queue:
            group = queue.popleft()
            queued[group] = False
            while True:
                delta, u, partner, target = self.evaluate_group(group)
                if delta <= min_gain:
                    break
                log.append((u, group, partner))
                self.apply(u, partner, target, delta)
                if not queued[target]:
                    queued[target] = True
                    queue.append(target)

    def undo(self, log: list[tuple[int, int, int]]) -> None:
        """Reverse the logged moves, newest first."""
        for u, origin, partner in reversed(log):
            current = int(self.g[u])
            self._relocate(u, current, origin)
            if partner >= 0:
                self._relocate(partner, origin, current)
            self._refresh_own(origin, current)
            self.work_s += SWAP_S
        log.clear()

    def freeze(self, units: list[int]) -> None:
        """Keep these units where they are (besides the fixed ones)."""
        self.frozen = self.fixed_group >= 0
        self.frozen[units] = True
        self.frozen_idx = np.flatnonzero(self.frozen)

    def perturb(self, log: list[tuple[int, int, int]]) -> tuple[list[int], list[int]]:
        """One random feasible swap between two random groups.

        Returns the two groups and the units moved. Small kicks worked better
        than several swaps among three groups in the bench: the descent after
        a kick already makes ~20 follow-up swaps.
        """
        rng = self.rng
        a, b = (int(x) for x in rng.choice(self.k, size=2, replace=False))
        for _attempt in range(8):
            u = self.members[a][int(rng.integers(len(self.members[a])))]
            v = self.members[b][int(rng.integers(len(self.members[b])))]
            if self.swap_feasible(u, v):
                delta = self.swap_delta(u, v)
                log.append((u, a, v))
                self.apply(u, v, b, delta)
                return [a, b], [u, v]
        return [a, b], []

    def run(self, work_budget_s: float, clock_deadline: float) -> None:
        """Local search to a local optimum, then perturbations within the budget."""
        log: list[tuple[int, int, int]] = []
        self.descend([int(x) for x in self.rng.permutation(self.k)], log)
        log.clear()
        self.value = self.objective_from_scratch()
        if self.movable_idx.size < 2 or self.k < 2:
            self.stats.stopped_by = "nothing_to_search"
            return
        best = self.value
        best_g = self.g.copy()
        stall = 0
        stall_limit = 2000 + 20 * self.u
        while True:
            if self.work_s >= work_budget_s:
                self.stats.stopped_by = "work_budget"
                break
            if stall >= stall_limit:
                self.stats.stopped_by = "converged"
                break
            if (
                self.stats.perturbations % 16 == 0
                and time.perf_counter() > clock_deadline
            ):
                self.stats.stopped_by = "clock_cap"
                break
            self.stats.perturbations += 1
            before = self.value
            groups, moved = self.perturb(log)
            if moved:
                # First settle with the kicked units held in place, so the
                # descent cannot simply swap them back; then let them move.
                self.freeze(moved)
                self.descend(groups, log, KICK_GAIN)
                self.freeze([])
                self.descend(groups, log, KICK_GAIN)
            else:
                self.descend(groups, log, KICK_GAIN)
            if self.value > best + _EPS:
                best = self.value
                best_g = self.g.copy()
                self.stats.improvements += 1
                stall = 0
                log.clear()
            elif self.value >= best - _EPS:
                # Equally good: walk on (helps cross plateaus).
                stall += 1
                log.clear()
            else:
                stall += 1
                self.undo(log)
                self.value = before
        if best > self.value + _EPS:
            self._load(best_g)
        self.descend(list(range(self.k)), log)

    def person_groups(self) -> list[list[int]]:
        """The groups as sorted lists of person positions."""
        groups: list[list[int]] = [[] for _ in range(self.k)]
        for unit, members in enumerate(self.units):
            groups[int(self.g[unit])].extend(members)
        return [sorted(group) for group in groups]


def apply_repeat_penalty(problem: Problem, w: F32) -> None:
    """Subtract the repeat penalty, in place, from pairs that were together before."""
    for penalty, period in zip(
        problem.period_penalties(), problem.previous_groups, strict=True
    ):
        for group in period:
            members = np.asarray(sorted(set(group)), dtype=np.int64)
            if members.size >= 2:
                w[np.ix_(members, members)] -= np.float32(penalty)
    if problem.previous_groups:
        np.fill_diagonal(w, 0.0)


def modelled_matrix_seconds(problem: Problem) -> float:
    """Deterministic estimate of the time the distance matrix takes."""
    attributes = max(1, len(problem.numeric) + len(problem.categorical))
    return MATRIX_PER_CELL_S * problem.n * problem.n * attributes
