# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Python 3.11 compatibility layer for Odoo 11.0.

Import this module before ``import odoo`` (the launcher does, and the venv
carries a ``.pth`` file that does it for every interpreter, so pytest plugins
see it too).  Nothing in the installed Odoo is edited: module-level patches are
applied here, and patches that need an Odoo module to exist are applied right
after that module is imported, by a ``sys.meta_path`` post-import hook.

Each patch is a small function named after what it fixes; ``PATCHES`` lists
them so tests can check every one.
"""
import ast
import base64
import collections
import collections.abc
import importlib.abc
import inspect
import sys
import threading

APPLIED = []


def _applied(func):
    APPLIED.append(func.__name__)
    return func


# 1. collections ABC aliases (removed from ``collections`` in 3.10)
@_applied
def patch_collections_abc():
    for name in collections.abc.__all__:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))


# 2. inspect.getargspec / formatargspec (removed in 3.11)
ArgSpec = collections.namedtuple('ArgSpec', 'args varargs keywords defaults')


def getargspec(func):
    spec = inspect.getfullargspec(func)
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def formatargspec(args, varargs=None, varkw=None, defaults=None,
                  kwonlyargs=(), kwonlydefaults=None, annotations=None):
    parts = []
    first_default = len(args) - len(defaults) if defaults else len(args)
    for index, arg in enumerate(args):
        text = str(arg)
        if index >= first_default:
            text += '=' + repr(defaults[index - first_default])
        parts.append(text)
    if varargs is not None:
        parts.append('*' + varargs)
    elif kwonlyargs:
        parts.append('*')
    for kwarg in kwonlyargs or ():
        text = kwarg
        if kwonlydefaults and kwarg in kwonlydefaults:
            text += '=' + repr(kwonlydefaults[kwarg])
        parts.append(text)
    if varkw is not None:
        parts.append('**' + varkw)
    return '(' + ', '.join(parts) + ')'


@_applied
def patch_inspect_argspec():
    if not hasattr(inspect, 'getargspec'):
        inspect.getargspec = getargspec
    if not hasattr(inspect, 'formatargspec'):
        inspect.formatargspec = formatargspec


# 3. base64.encodestring / decodestring (removed in 3.9)
@_applied
def patch_base64_legacy():
    if not hasattr(base64, 'encodestring'):
        base64.encodestring = base64.encodebytes
    if not hasattr(base64, 'decodestring'):
        base64.decodestring = base64.decodebytes


# 4. PyYAML 6 needs an explicit Loader (Odoo 11 still loads .yml files)
@_applied
def patch_yaml_load():
    try:
        import yaml
    except ImportError:  # pragma: no cover - yaml is pinned in requirements
        return
    if getattr(yaml.load, '_lot_compat', False):
        return
    original = yaml.load

    def load(stream, Loader=None, **kwargs):
        return original(stream, Loader=Loader or yaml.FullLoader, **kwargs)

    load._lot_compat = True
    yaml.load = load


# 11. threading.Thread.isAlive (removed in 3.9; Odoo's threaded server stop uses it)
@_applied
def patch_thread_isalive():
    if not hasattr(threading.Thread, 'isAlive'):
        threading.Thread.isAlive = threading.Thread.is_alive


# 5 + 6. QWeb builds ASTs by hand for Python 3.5: fix them up before compiling
_NAME_CONSTANTS = {'None': None, 'True': True, 'False': False}


class _QWebAstFixer(ast.NodeTransformer):
    """Make a hand-built QWeb AST acceptable to Python 3.11's compiler."""

    def visit_Name(self, node):
        if node.id in _NAME_CONSTANTS:
            return ast.copy_location(ast.Constant(value=_NAME_CONSTANTS[node.id]), node)
        return node

    def visit_arguments(self, node):
        for field in ('posonlyargs', 'kwonlyargs', 'kw_defaults', 'defaults'):
            if getattr(node, field, None) is None:
                setattr(node, field, [])
        return self.generic_visit(node)

    def visit_Module(self, node):
        if getattr(node, 'type_ignores', None) is None:
            node.type_ignores = []
        return self.generic_visit(node)


def _normalise_locations(tree):
    """Give every node a valid (lineno, end_lineno) range.

    QWeb copies line numbers from template nodes, leaving ranges such as
    (2, 1) that 3.11 refuses; a single line per node is always valid."""
    for node in ast.walk(tree):
        if 'lineno' in node._attributes:
            lineno = getattr(node, 'lineno', None) or 1
            node.lineno = lineno
            node.end_lineno = lineno
            node.col_offset = getattr(node, 'col_offset', None) or 0
            node.end_col_offset = node.col_offset
    return tree


def qweb_compile(source, filename, mode, *args, **kwargs):
    if isinstance(source, ast.AST):
        source = _normalise_locations(ast.fix_missing_locations(_QWebAstFixer().visit(source)))
    return compile(source, filename, mode, *args, **kwargs)


def patch_qweb(module):
    module.compile = qweb_compile
    # 9. templates still call xrange: define it in every compiled template module
    base_module = module.QWeb._base_module

    def _base_module(self):
        astmod = base_module(self)
        astmod.body.extend(ast.parse('xrange = range').body)
        return astmod

    module.QWeb._base_module = _base_module


# 7 + 8. safe_eval whitelists opcodes by name; add 3.11's harmless ones
CONST_OPCODES_311 = [
    'RESUME', 'NOP', 'CACHE', 'COPY', 'SWAP', 'RETURN_VALUE', 'LIST_EXTEND',
    'SET_UPDATE', 'DICT_UPDATE', 'BUILD_CONST_KEY_MAP', 'LIST_TO_TUPLE',
]
EXPR_OPCODES_311 = CONST_OPCODES_311 + [
    'BINARY_OP', 'CONTAINS_OP', 'IS_OP', 'DICT_MERGE', 'FORMAT_VALUE',
    'BUILD_STRING', 'UNPACK_EX', 'PUSH_NULL', 'PRECALL', 'CALL', 'KW_NAMES',
    'POP_JUMP_FORWARD_IF_FALSE', 'POP_JUMP_FORWARD_IF_TRUE',
    'POP_JUMP_FORWARD_IF_NONE', 'POP_JUMP_FORWARD_IF_NOT_NONE',
    'POP_JUMP_BACKWARD_IF_FALSE', 'POP_JUMP_BACKWARD_IF_TRUE',
    'POP_JUMP_BACKWARD_IF_NONE', 'POP_JUMP_BACKWARD_IF_NOT_NONE',
    'JUMP_BACKWARD', 'JUMP_BACKWARD_NO_INTERRUPT',
    'MAKE_CELL', 'COPY_FREE_VARS', 'LOAD_CLOSURE', 'LOAD_DEREF', 'STORE_DEREF',
    'RETURN_GENERATOR', 'GET_LEN',
]
SAFE_OPCODES_311 = EXPR_OPCODES_311 + [
    'PUSH_EXC_INFO', 'POP_EXCEPT', 'CHECK_EXC_MATCH', 'RERAISE',
    'LOAD_ASSERTION_ERROR', 'BEFORE_WITH', 'WITH_EXCEPT_START',
]
# never added: IMPORT_*, STORE_ATTR, DELETE_ATTR, STORE_GLOBAL, DELETE_GLOBAL


def patch_safe_eval(module):
    from opcode import opmap
    for target, names in ((module._CONST_OPCODES, CONST_OPCODES_311),
                          (module._EXPR_OPCODES, EXPR_OPCODES_311),
                          (module._SAFE_OPCODES, SAFE_OPCODES_311)):
        target.update(opmap[name] for name in names if name in opmap)


# 10. web's concat_xml calls Element.getchildren() (removed in 3.9)
def patch_web_controllers(module):
    import hashlib
    from xml.etree import ElementTree

    def concat_xml(file_list):
        checksum = hashlib.new('sha1')
        if not file_list:
            return '', checksum.hexdigest()
        root = None
        for fname in file_list:
            with open(fname, 'rb') as fp:
                contents = fp.read()
            checksum.update(contents)
            xml = ElementTree.fromstring(contents)
            if root is None:
                root = ElementTree.Element(xml.tag)
            for child in list(xml):
                root.append(child)
        return ElementTree.tostring(root, 'utf-8'), checksum.hexdigest()

    concat_xml.__doc__ = module.concat_xml.__doc__
    module.concat_xml = concat_xml


# 12. prefork workers: Worker.process_limit() passes a float CPU limit
# (rusage seconds + limit_time_cpu) to resource.setrlimit, which 3.11 refuses
# with TypeError: every HTTP/cron worker died at start and was respawned.
class _IntegerRlimits(object):
    """The ``resource`` module as seen by ``odoo.service.server``: the same,
    except ``setrlimit`` truncates its limits to int as Python 3.5 did."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def setrlimit(self, which, limits):
        soft, hard = limits
        return self._module.setrlimit(which, (int(soft), int(hard)))


def patch_server_rlimits(module):
    import resource
    module.resource = _IntegerRlimits(resource)


POST_IMPORT_PATCHES = {
    'odoo.tools.safe_eval': patch_safe_eval,
    'odoo.addons.base.ir.ir_qweb.qweb': patch_qweb,
    'odoo.addons.web.controllers.main': patch_web_controllers,
    'odoo.service.server': patch_server_rlimits,
}
PATCHES = APPLIED + [func.__name__ for func in POST_IMPORT_PATCHES.values()]


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)
        module._lot_compat = True

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PostImportPatcher(importlib.abc.MetaPathFinder):
    """Applies ``POST_IMPORT_PATCHES`` right after their module is executed."""

    def find_spec(self, fullname, path, target=None):
        patch = POST_IMPORT_PATCHES.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, 'exec_module'):
                    spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


def install():
    for name in list(APPLIED):
        globals()[name]()
    if not any(isinstance(f, PostImportPatcher) for f in sys.meta_path):
        sys.meta_path.insert(0, PostImportPatcher())
    for name, patch in POST_IMPORT_PATCHES.items():
        module = sys.modules.get(name)
        if module is not None and not getattr(module, '_lot_compat', False):
            patch(module)
            module._lot_compat = True


install()
