------------------------------ MODULE Toolbox ------------------------------
(***************************************************************************)
(* A pair of counters modulo 3 checked against invariants written with    *)
(* more of TLC's operators: \X, Bags, SortSeq, Permutations, IsFiniteSet, *)
(* \div and %, negative integers, string comparison and nested records.   *)
(* Written for exitspec's conformance suite.                              *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, Bags, TLC

VARIABLES a, b

Init == a = 0 /\ b = 0
IncA == a' = (a + 1) % 3 /\ UNCHANGED b
IncB == b' = (b + 2) % 3 /\ UNCHANGED a
Swap == a # b /\ a' = b /\ b' = a
Next == IncA \/ IncB \/ Swap

Pairs == (0..2) \X (0..2)

Shapes ==
  /\ <<a, b>> \in Pairs
  /\ Cardinality(Pairs) = 9
  /\ IsFiniteSet(Pairs)
  /\ SortSeq(<<b, a, 1>>, LAMBDA u, v : u < v) \in {<<0, 0, 1>>, <<0, 1, 1>>, <<0, 1, 2>>, <<1, 1, 1>>, <<1, 1, 2>>, <<1, 2, 2>>}
  /\ Cardinality(Permutations({a, b, 7})) = IF a = b THEN 2 ELSE 6
  /\ (a + 3 * b) \div 3 = b
  /\ (a - 3) % 3 = a
  /\ -a <= 0
  /\ LET bag == SetToBag({a, b}) (+) SetToBag({a})
     IN  /\ CopiesIn(a, bag) = 2
         /\ BagToSet(bag) = {a, b}
  /\ [r |-> [s |-> a]].r.s = a
  /\ "ab" # "ba"
=============================================================================
