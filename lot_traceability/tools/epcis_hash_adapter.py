# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one module of the addon that touches ``epcis-event-hash-generator``
(GS1's canonical event hash, the eventID of tools/epcis.py).

The package's public entry, ``hash_generator.epcis_hashes_from_events``,
deep-copies the events, writes each of them at INFO on the root logger (every
event of an export in the server log) and computes the canonical form of the
same URI again at every occurrence (profiled: 1 ms an event). ``hashes()``
calls the package's pre-hash helpers in the order that entry calls them,
without those costs, and touches the package's module state only here:
its ``JOIN_BY`` and ``_canonize_value`` are set for the call (the canonical
forms remembered) and restored after it, under a lock.
tests/test_epcis_hash_adapter.py pins that the hashes equal the package's
public entry and its JSON-LD path, that its state is left as it was, and one
hash, so an upgrade of the package fails a test, not an export.
"""
import threading
from contextlib import contextmanager

_LOCK = threading.Lock()
_CANONICAL_MAX = 100000     # canonical values remembered at most (a few MB)


class HashError(ValueError):
    """An event the package cannot hash."""


def _package():
    """The package's modules, imported on first use (it takes seconds: PyLD)."""
    import epcis_event_hash_generator as package
    from epcis_event_hash_generator import (
        hash_generator,
        json_to_py,
        json_xml_model_mismatch_correction as correction,
    )
    return package, hash_generator, json_to_py, correction


def _memoized(func, cache):
    """FUNC (a pure function of one string) remembering its results in CACHE."""

    def memoized(text):
        if not isinstance(text, str):
            return func(text)
        try:
            return cache[text]
        except KeyError:
            if len(cache) >= _CANONICAL_MAX:
                cache.clear()
            value = cache[text] = func(text)
            return value
    return memoized


@contextmanager
def _prehash_state(hash_generator, join_by, cache):
    """The package's pre-hash globals for one call, restored after it."""
    with _LOCK:
        saved = hash_generator._canonize_value, hash_generator.JOIN_BY
        hash_generator._canonize_value = _memoized(saved[0], cache)
        hash_generator.JOIN_BY = join_by
        try:
            yield
        finally:
            hash_generator._canonize_value, hash_generator.JOIN_BY = saved


def hashes(events, canonical=None):
    """GS1 canonical event hashes ('ni:///sha-256;...?ver=CBV2.0') of EVENTS:
    EPCIS JSON events (dicts) whose CBV words are already web vocabulary URIs
    (what the package's JSON-LD expansion gives). CANONICAL: a dict remembering
    canonical values over several calls (a whole document); else this call's.
    Raises HashError when an event cannot be hashed."""
    package, hash_generator, json_to_py, correction = _package()
    join_by, order = package.JOIN_BY, package.PROP_ORDER
    try:
        parsed = [correction.deep_structure_correction(json_to_py._json_to_py(event))
                  for event in events]
        with _prehash_state(hash_generator, join_by, {} if canonical is None else canonical):
            prehashes = [
                'eventType=' + event[0] + join_by
                + hash_generator._recurse_through_children_in_order(event[2], order) + join_by
                + hash_generator._gather_elements_not_in_order(event[2], order)
                for event in parsed]
    except Exception:
        raise HashError('The event hash could not be computed for every event')
    result = hash_generator.calculate_hashes_from_pre_hashes(prehashes)
    if len(result) != len(events):
        raise HashError('The event hash could not be computed for every event')
    return result
