#!/usr/bin/env python3
#===- make-robustness-inputs.py - Hostile inputs for robustness.test -------===#
#
# Writes the inputs of robustness.test into the directory given as argv[1].
# They are generated rather than committed because they are large (a
# 10,000-deep nesting) or hold bytes that editors mangle. Everything is
# deterministic. Inputs/random-bytes.bin is committed: 2 KB from
# random.Random(20261125).
#
#===------------------------------------------------------------------------===#
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

DEPTH = 10000


def write(name, data):
    if isinstance(data, str):
        data = data.encode('ascii')
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)


def in_net(expr):
    """A valid model but for `expr` (of v: f32[4]), which its net returns."""
    return ('model m {\n  input x : f32[4]\n'
            '  net f(v: f32[4]) -> f32[4] {\n    return dense(%s, 4)\n  }\n'
            '  step s updates f {\n    minimize sum(f(x))\n  }\n'
            '  train s\n}\n' % expr)


# Empty and blank files.
write('empty.gen', '')
write('blank.gen', '\n \t\r\n\n')
write('comments-only.gen', '// nothing here\n/* nor here */\n')

# Invalid UTF-8 (a lone continuation byte, an overlong '/', a truncated
# sequence, 0xff) in code, in a string and in a comment; plus NUL bytes.
write('invalid-utf8.gen',
      b'model m {\n'
      b'  input x : f32[4] from "data\xc0\xaf"\n'
      b'  // comment \xff\xfe\n'
      b'  k = 1 \x80\n'
      b'  j = 2 \xe2\x82\n'
      b'  \xff\xff = 3\n'
      b'}\n')
write('nul-bytes.gen', b'model m {\n  k = 1\x00\x00\x00\n}\n\x00')

# Nesting 10,000 deep: parentheses, brackets, unary minus, calls, powers,
# braces, and openers that are never closed.
write('deep-parens.gen', in_net('(' * DEPTH + 'v' + ')' * DEPTH))
write('deep-brackets.gen', in_net('reshape(v, ' + '[' * DEPTH + '4' + ']' * DEPTH + ')'))
write('deep-unary.gen', in_net('-' * DEPTH + 'v'))
write('deep-calls.gen', in_net('relu(' * DEPTH + 'v' + ')' * DEPTH))
write('deep-power.gen', in_net('^'.join(['v'] * DEPTH)))
write('deep-braces.gen', 'model m {\n' + '{' * DEPTH + '}' * DEPTH + '\n}\n')
write('deep-braces-in-net.gen',
      in_net('v').replace('return dense(v, 4)', '{' * DEPTH + '}' * DEPTH))
write('unclosed-parens.gen', 'model m {\n  k = ' + '(' * DEPTH + '\n')
write('unclosed-brackets.gen', 'model m {\n  input x : f32' + '[' * DEPTH + '\n')
write('unclosed-braces.gen', 'model m {\n' + '{' * DEPTH + '\n')

# Huge numbers.
write('huge-integer.gen', 'model m {\n  k = ' + '9' * 5000 + '\n}\n')
write('huge-float.gen', 'model m {\n  k = 1e' + '9' * 5000 + '\n}\n')
write('huge-dimension.gen',
      in_net('v').replace('input x : f32[4]', 'input x : f32[' + '9' * 400 + ']'))

# Ten thousand bad lines: the report stops at 50 errors.
write('many-errors.gen', 'model m {\n' + '  $\n' * DEPTH + '}\n')

# Valid: ten thousand statements in one net body, and a sum of a thousand
# terms (statements and operator chains are lowered without deep recursion).
write('many-statements.gen',
      in_net('h').replace('    return', '    h = v\n' + '    h = relu(h) + v\n' * DEPTH + '    return'))
write('long-sum.gen', in_net(' + '.join(['v'] * 1000)))
