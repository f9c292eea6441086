---------------------------- MODULE AssumeFalse ----------------------------
(***************************************************************************)
(* A model whose constant violates an assumption: TLC stops before         *)
(* computing any state ("Assumption ... is false.", exit code 10).         *)
(* Written for exitspec's conformance suite.                               *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT N
ASSUME NPositive == N > 0

VARIABLE x
Init == x = 0
Next == x' = (x + 1) % N
=============================================================================
