// SGPPlanning
