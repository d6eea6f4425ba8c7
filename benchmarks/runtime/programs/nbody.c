/* n-body (the Benchmarks Game), 5 bodies, 4M steps of 0.01; one unit per step. */
#include "bench.h"
#include <math.h>
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS 365.24
#define NB 5
#define STEPS 4000000

struct body { double x, y, z, vx, vy, vz, mass; };

static struct body bodies[NB] = {
  {0, 0, 0, 0, 0, 0, SOLAR_MASS},
  {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
   1.66007664274403694e-03 * DAYS, 7.69901118419740425e-03 * DAYS, -6.90460016972063023e-05 * DAYS,
   9.54791938424326609e-04 * SOLAR_MASS},
  {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
   -2.76742510726862411e-03 * DAYS, 4.99852801234917238e-03 * DAYS, 2.30417297573763929e-05 * DAYS,
   2.85885980666130812e-04 * SOLAR_MASS},
  {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
   2.96460137564761618e-03 * DAYS, 2.37847173959480950e-03 * DAYS, -2.96589568540237556e-05 * DAYS,
   4.36624404335156298e-05 * SOLAR_MASS},
  {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
   2.68067772490389322e-03 * DAYS, 1.62824170038242295e-03 * DAYS, -9.51592254519715870e-05 * DAYS,
   5.15138902046611451e-05 * SOLAR_MASS},
};

static double energy(void) {
  double e = 0;
  for (int i = 0; i < NB; i++) {
    struct body *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < NB; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      e -= b->mass * c->mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static uint64_t kernel(void) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    px += bodies[i].vx * bodies[i].mass; py += bodies[i].vy * bodies[i].mass; pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS; bodies[0].vy = -py / SOLAR_MASS; bodies[0].vz = -pz / SOLAR_MASS;
  double e0 = energy();
  const double dt = 0.01;
  for (int s = 0; s < STEPS; s++) {
    for (int i = 0; i < NB; i++) {
      struct body *b = &bodies[i];
      for (int j = i + 1; j < NB; j++) {
        struct body *c = &bodies[j];
        double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
        double d2 = dx * dx + dy * dy + dz * dz;
        double mag = dt / (d2 * sqrt(d2));
        b->vx -= dx * c->mass * mag; b->vy -= dy * c->mass * mag; b->vz -= dz * c->mass * mag;
        c->vx += dx * b->mass * mag; c->vy += dy * b->mass * mag; c->vz += dz * b->mass * mag;
      }
    }
    for (int i = 0; i < NB; i++) {
      struct body *b = &bodies[i];
      b->x += dt * b->vx; b->y += dt * b->vy; b->z += dt * b->vz;
    }
    tick();
  }
  double e1 = energy();
  uint64_t h = mix64(mix64(MIX_INIT, bits(e0)), bits(e1));
  for (int i = 0; i < NB; i++) h = mix64(mix64(mix64(h, bits(bodies[i].x)), bits(bodies[i].y)), bits(bodies[i].z));
  printf("energy %.9f -> %.9f\n", e0, e1);
  return h;
}
