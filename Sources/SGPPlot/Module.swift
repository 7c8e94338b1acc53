// SGPPlot
