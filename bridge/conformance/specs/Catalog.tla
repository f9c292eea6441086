------------------------------ MODULE Catalog ------------------------------
(***************************************************************************)
(* Items are picked one at a time and the last one picked can be dropped;  *)
(* tally records each picked item's position.  Written for exitspec's      *)
(* conformance suite to exercise TLC's value operators: :> and @@, DOMAIN, *)
(* function sets [S -> T], SUBSET, UNION, set comprehensions, CHOOSE,      *)
(* CASE/OTHER, Sequences (Append, SubSeq, SelectSeq, \o, Len), FiniteSets *)
(* and ToString, all inside invariants that must hold.                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANT Items

VARIABLES picked, order, tally

Init == /\ picked = {}
        /\ order = << >>
        /\ tally = [x \in {} |-> 0]

Pick(i) == /\ i \notin picked
           /\ picked' = picked \cup {i}
           /\ order' = Append(order, i)
           /\ tally' = tally @@ (i :> Cardinality(picked) + 1)

Drop == /\ order # << >>
        /\ LET last == order[Len(order)]
           IN  /\ picked' = picked \ {last}
               /\ order' = SubSeq(order, 1, Len(order) - 1)
               /\ tally' = [x \in DOMAIN tally \ {last} |-> tally[x]]

Next == (\E i \in Items : Pick(i)) \/ Drop

TypeOK == /\ picked \in SUBSET Items
          /\ \E f \in [picked -> 1..Cardinality(Items)] : f = tally

Consistent ==
  /\ DOMAIN tally = picked
  /\ picked = {order[k] : k \in DOMAIN order}
  /\ \A k \in DOMAIN order : tally[order[k]] = k
  /\ UNION {{x} : x \in picked} = picked
  /\ Len(SelectSeq(order, LAMBDA x : x \in picked)) = Len(order)
  /\ order \o << >> = order
  /\ CASE picked = {} -> order = << >>
       [] OTHER -> (CHOOSE x \in picked : tally[x] = 1) = order[1]
  /\ ToString(Len(order)) \in {"0", "1", "2", "3"}
=============================================================================
