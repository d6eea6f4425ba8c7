/* A bytecode interpreter: a register VM with a switch dispatch loop running
 * a program of nested loops (an LCG, xor-shift mixing, a modular sum) for
 * 20M inner iterations. The TICK instruction sits in the inner loop: one unit
 * per inner iteration, and the dispatch loop is the instrumented function. */
#include "bench.h"

enum { LI, MOV, ADD, SUB, MUL, XOR, SHR, SHL, AND, ADDI, REM, BLT, JMP, TICK, HALT };
struct insn { uint8_t op, a, b, c; int32_t imm; };

static uint64_t run(const struct insn *code, int64_t *r) {
  const struct insn *pc = code;
  for (;;) {
    const struct insn *i = pc++;
    switch (i->op) {
      case LI: r[i->a] = i->imm; break;
      case MOV: r[i->a] = r[i->b]; break;
      case ADD: r[i->a] = (int64_t)((uint64_t)r[i->b] + (uint64_t)r[i->c]); break;
      case SUB: r[i->a] = (int64_t)((uint64_t)r[i->b] - (uint64_t)r[i->c]); break;
      case MUL: r[i->a] = (int64_t)((uint64_t)r[i->b] * (uint64_t)r[i->c]); break;
      case XOR: r[i->a] = r[i->b] ^ r[i->c]; break;
      case SHR: r[i->a] = (int64_t)((uint64_t)r[i->b] >> (r[i->c] & 63)); break;
      case SHL: r[i->a] = (int64_t)((uint64_t)r[i->b] << (r[i->c] & 63)); break;
      case AND: r[i->a] = r[i->b] & r[i->c]; break;
      case ADDI: r[i->a] = (int64_t)((uint64_t)r[i->b] + (uint64_t)(int64_t)i->imm); break;
      case REM: r[i->a] = r[i->c] ? (int64_t)((uint64_t)r[i->b] % (uint64_t)r[i->c]) : 0; break;
      case BLT: if (r[i->a] < r[i->b]) pc = code + i->imm; break;
      case JMP: pc = code + i->imm; break;
      case TICK: tick(); break;
      case HALT: return (uint64_t)r[i->a];
    }
  }
}

static uint64_t kernel(void) {
  /* r0 outer i, r1 outer n, r2 inner j, r3 inner n, r4 x, r5 acc, r6..r9 temps */
  static const struct insn prog[] = {
    {LI, 0, 0, 0, 0}, {LI, 1, 0, 0, 10000}, {LI, 4, 0, 0, 12345}, {LI, 5, 0, 0, 0},
    {LI, 6, 0, 0, 1103515245}, {LI, 7, 0, 0, 16}, {LI, 8, 0, 0, 1000003},
    /* 7: outer */ {LI, 2, 0, 0, 0}, {LI, 3, 0, 0, 2000},
    /* 9: inner */ {MUL, 4, 4, 6}, {ADDI, 4, 4, 0, 12345}, {SHR, 9, 4, 7}, {XOR, 5, 5, 9},
    {SHL, 9, 5, 7}, {ADD, 5, 5, 9}, {REM, 9, 4, 8}, {ADD, 5, 5, 9}, {SUB, 5, 5, 2},
    {TICK, 0, 0, 0, 0}, {ADDI, 2, 2, 0, 1}, {BLT, 2, 3, 0, 9},
    {ADDI, 0, 0, 0, 1}, {BLT, 0, 1, 0, 7}, {HALT, 5, 0, 0, 0},
  };
  int64_t regs[16] = {0};
  uint64_t h = run(prog, regs);
  return mix64(mix64(MIX_INIT, h), (uint64_t)regs[4]);
}
