// SGPData
