import { scanPythonSource } from '../../../../../lib/checks/rules/lambda/code/python-code-scanner';

const constructs = (source: string): string[] => scanPythonSource(source).map((f) => f.construct);

describe('python code scanner', () => {
  it.each([
    ['import pickle as pk\npk.loads(body)', 'pickle loads of data (unpickling runs code)'],
    ['from pickle import loads as undump\nundump(body)', 'pickle loads of data (unpickling runs code)'],
    ['from yaml import load\nload(body)', 'yaml.load without a safe loader'],
    ['from yaml import *\nunsafe_load(body)', 'yaml.load without a safe loader'],
    ['from os import system\nsystem("ping " + host)', 'os.system/os.popen of a non-literal command'],
    ['import os.path\nos.popen(cmd)', 'os.system/os.popen of a non-literal command'],
    ['from subprocess import (\n    Popen as P,\n)\nP(cmd, shell=True)', 'subprocess with shell=True and a non-literal command'],
    ['import subprocess as sp\nsp.check_output(f"convert {name}", shell=True)', 'subprocess with shell=True and a non-literal command'],
    ['import importlib\nimportlib.import_module(event["plugin"])', 'importlib.import_module of a module named at run time'],
    ['from importlib import import_module as load_plugin\nload_plugin(name)', 'importlib.import_module of a module named at run time'],
    ['mod = __import__(event["module"])', '__import__ of a module named at run time'],
    ['code = compile(src, "<input>", "exec")', 'compile of a non-literal source (code to exec)'],
    ['import builtins\nbuiltins.exec(src)', 'exec of a non-literal argument'],
    ['import subprocess\nsubprocess.run(["sh", "-c", event["cmd"]])', 'subprocess running a shell with -c and a non-literal command'],
    [
      'from subprocess import Popen\nPopen(["/bin/bash", "-c", "convert " + name])',
      'subprocess running a shell with -c and a non-literal command',
    ],
    ['import os\nos.execv("/bin/sh", ["sh", "-c", cmd])', 'os exec/spawn of a shell with -c and a non-literal command'],
  ])('finds %j', (source, construct) => {
    expect(constructs(source)).toContain(construct);
  });

  it.each([
    'import subprocess\nsubprocess.run("ls -l /tmp", shell=True)',
    'import subprocess\nsubprocess.run(["convert", name, "out.png"], check=True)',
    'import subprocess\nsubprocess.run(["sh", "-c", "df -h /tmp"])',
    'import os\nos.execv("/opt/bin/report", ["report", name])',
    'import os\nos.system("clear")',
    'import importlib\nimportlib.import_module("json")',
    'json = __import__("json")',
    'from re import compile\npattern = compile(event["pattern"])',
    'import re\nre.compile(event["pattern"])',
    'import yaml\nyaml.load(body, Loader=yaml.SafeLoader)',
    'from yaml import load, CSafeLoader\nload(body, Loader=CSafeLoader)',
    'import ast\nast.literal_eval(value)',
    'model.eval()',
    '# eval(x) and os.system(x) are banned\nprint("exec(x) is off")',
  ])('finds nothing in %j', (source) => {
    expect(constructs(source)).toEqual([]);
  });

  it('reports the line of the call, not of the import', () => {
    expect(scanPythonSource('import pickle as pk\n\n\ndef handler(event, context):\n    return pk.loads(event["b"])\n')).toEqual([
      { line: 5, construct: 'pickle loads of data (unpickling runs code)' },
    ]);
  });
});
